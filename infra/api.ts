import { readObjects, readWriteItems, writeObjects, deleteObjects } from "./access";
import { lambda } from "./function";
import { authSecret, config, settings } from "./settings";
import { archives, files, table } from "./storage";

/** The REST API: one Hono Lambda behind an HTTP API that answers CORS preflights itself. */
export const api = new sst.aws.ApiGatewayV2("Api", {
  cors: {
    allowOrigins: config.settings.corsOrigins,
    allowMethods: ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
    allowHeaders: ["authorization", "content-type", "if-match", "x-request-id"],
    exposeHeaders: ["etag", "location", "x-request-id"],
    maxAge: "1 hour",
  },
});

export const apiRoute = api.route(
  "$default",
  lambda({
    handler: "packages/functions/src/api/lambda.handler",
    description: "TESTEX REST API",
    memory: "512 MB",
    timeout: "25 seconds",
    link: [table, files, archives, settings, authSecret],
    permissions: [
      readWriteItems(table),
      readObjects(files),
      writeObjects(files),
      deleteObjects(files),
      readObjects(archives),
    ],
  }),
);

export const outputs = { api: api.url };
