import { Hono } from "hono";
import { withContext, withLogFields, log } from "@testex/core";
import { onError, problem } from "./problem";
import { requestId } from "./middleware/request-id";
import { authenticate } from "./middleware/authenticate";
import { idempotency } from "./middleware/idempotency";
import { audit } from "./routes/audit";
import { clients } from "./routes/clients";
import { contracts } from "./routes/contracts";
import { files } from "./routes/files";
import { health } from "./routes/health";
import { terminations } from "./routes/terminations";
import type { AppEnv } from "./types";

// Body limits are per route: each route's operation() applies its own (JSON by default).
const api = new Hono<AppEnv>()
  .use(authenticate)
  .use(async (c, next) => {
    const actor = c.get("actor");
    await withContext({ actor, requestId: c.get("requestId") }, () => withLogFields({ actor: actor.id }, next));
  })
  .use(idempotency)
  .route("/clients", clients)
  .route("/contracts", contracts)
  .route("/contracts/:id/files", files)
  .route("/audit", audit)
  .route("/", terminations);

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
