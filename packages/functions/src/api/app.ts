import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { withContext, withLogFields, log } from "@testex/core";
import { onError, problem } from "./problem";
import { requestId } from "./middleware/request-id";
import { authenticate } from "./middleware/authenticate";
import { audit } from "./routes/audit";
import { clients } from "./routes/clients";
import { contracts } from "./routes/contracts";
import { health } from "./routes/health";
import { notifications } from "./routes/notifications";
import type { AppEnv } from "./types";

/** JSON bodies are small; documents go straight to S3 and never through here. */
export const MAX_JSON_BODY_BYTES = 256 * 1024;

const api = new Hono<AppEnv>()
  .use(
    bodyLimit({
      maxSize: MAX_JSON_BODY_BYTES,
      onError: (c) => problem(c, 413, "request.too_large", `Bodies are limited to ${MAX_JSON_BODY_BYTES} bytes.`),
    }),
  )
  .use(authenticate)
  .use(async (c, next) => {
    const actor = c.get("actor");
    await withContext({ actor, requestId: c.get("requestId") }, () => withLogFields({ actor: actor.id }, next));
  })
  .route("/clients", clients)
  .route("/contracts", contracts)
  .route("/audit", audit)
  .route("/", notifications);

/** The whole HTTP API: served by `hono/aws-lambda` in AWS and `@hono/node-server` locally. */
export const app = new Hono<AppEnv>()
  .use(requestId)
  .use(async (c, next) => {
    const started = performance.now();
    await next();
    log.info("request", { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) });
  })
  .route("/health", health)
  .route("/api", api)
  .notFound((c) => problem(c, 404, "route.not_found", `No route ${c.req.method} ${c.req.path}.`))
  .onError(onError);

export type App = typeof app;
