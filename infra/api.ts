import { PUBLIC_ROUTES } from "@testex/stage/api-routes";
import { oidc } from "./auth";
import { checkBucket, readObjects, readMailAccount, readWriteItems, writeObjects, deleteObjects, sendMessages } from "./access";
import { apiCors } from "@testex/stage/cors";
import { lambda } from "./function";
import { corsOrigins, webLink } from "./router";
import { config, settings } from "./settings";
import { notificationQueue } from "./queue";
import { webhookQueue } from "./webhooks";
import { archives, backups, files, table } from "./storage";

// The origins are the console's (infra/router.ts), known only once its router exists.
const { maxAgeSeconds, allowOrigins: _, ...cors } = apiCors([]);

/** The REST API: one Hono Lambda behind an HTTP API, which answers CORS itself (the function sets no CORS header). */
export const api = new sst.aws.ApiGatewayV2("Api", {
  cors: { ...cors, allowOrigins: corsOrigins, maxAge: `${maxAgeSeconds} seconds` },
  transform: {
    // Every route of the stage, before the function runs: a flood is refused at the gateway, not billed as Lambda time.
    stage: (args) => {
      args.defaultRouteSettings = { throttlingRateLimit: config.throttle.rateLimit, throttlingBurstLimit: config.throttle.burstLimit };
    },
  },
});

/**
 * API Gateway checks the bearer token against the stage's issuer (signature by
 * its published keys, `iss`, `aud`, expiry) before the function starts: a
 * request without a valid token costs no Lambda time. The function checks the
 * token again, and more strictly (an ID token of this app; see authenticate.ts).
 */
const authorizer = api.addAuthorizer({ name: "Oidc", jwt: { issuer: oidc.issuer, audiences: [oidc.audience] } });

/** Every route not listed as public (packages/stage/src/api-routes.ts), through the authorizer. */
export const apiRoute = api.route(
  "$default",
  lambda({
    handler: "packages/functions/src/api/lambda.handler",
    description: "TESTEX REST API",
    memory: "512 MB",
    timeout: "25 seconds",
    // Web: the console's URL, for the links in the notices a request queues. The webhook queue: a replay or a ping queues a delivery.
    link: [table, files, archives, backups, notificationQueue, webhookQueue, settings, webLink],
    // The docs page serves Swagger UI's files from disk; the letter preview renders with pdfkit's fonts, as the processor does.
    nodejs: { install: ["swagger-ui-dist", "pdfkit"], splitting: true },
    permissions: [
      sendMessages(notificationQueue),
      sendMessages(webhookQueue),
      readWriteItems(table),
      readObjects(files),
      writeObjects(files),
      deleteObjects(files),
      readObjects(archives),
      // GET /health: the buckets exist and mail can be sent.
      checkBucket(backups),
      readMailAccount(),
    ],
  }),
  { auth: { jwt: { authorizer: authorizer.id } } },
);

const apiFunction = apiRoute.nodes.function.apply((f) => f.arn);
for (const route of PUBLIC_ROUTES) api.route(route, apiFunction);

export const outputs = { api: api.url };
