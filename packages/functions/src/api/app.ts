import { Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { withContext, withLogFields, log } from "@testex/core";
import { methodsAt } from "./methods";
import { onError, problem } from "./problem";
import { requestId } from "./middleware/request-id";
import { authenticate } from "./middleware/authenticate";
import { audit } from "./routes/audit";
import { calendarFeed, myCalendar } from "./routes/calendar";
import { clients } from "./routes/clients";
import { contracts } from "./routes/contracts";
import { files } from "./routes/files";
import { docs } from "./routes/docs";
import { health } from "./routes/health";
import { importMappings, imports } from "./routes/imports";
import { me } from "./routes/me";
import { terminations } from "./routes/terminations";
import { contractEvents, deadEvents } from "./routes/events";
import { letterPreview } from "./routes/letter-preview";
import { policy } from "./routes/policy";
import { notifications, noticesAdmin } from "./routes/notifications";
import { webhooks } from "./routes/webhooks";
import type { AppEnv } from "./types";

// Body limits and Idempotency-Key are per route: each route's operation() applies them.
const api = new Hono<AppEnv>()
  .use(authenticate)
  .use(async (c, next) => {
    const actor = c.get("actor");
    await withContext({ actor, requestId: c.get("requestId") }, () => withLogFields({ actor: actor.id }, next));
  })
  .route("/me", me)
  .route("/me/calendar", myCalendar)
  .route("/clients", clients)
  .route("/contracts", contracts)
  .route("/contracts/:id/files", files)
  .route("/contracts/:id/events", contractEvents)
  .route("/audit", audit)
  .route("/imports", imports)
  .route("/import-mappings", importMappings)
  .route("/", terminations)
  .route("/", letterPreview)
  .route("/", notifications)
  // What only an operator does: the stage's policy, and what kept failing (notices, events) with its replay.
  .route("/admin/policy", policy)
  .route("/admin/notifications", noticesAdmin)
  .route("/admin/dead-events", deadEvents)
  .route("/admin/webhooks", webhooks);

/** Only our own scripts and styles: the docs page loads everything from this API, and nothing may frame it. */
const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", "data:"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** The whole HTTP API: served by `hono/aws-lambda` in AWS and `@hono/node-server` locally. */
export const app = new Hono<AppEnv>()
  .use(requestId)
  .use(async (c, next) => {
    const started = performance.now();
    await next();
    log.info("request", { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) });
  })
  .use(secureHeaders({ contentSecurityPolicy: CONTENT_SECURITY_POLICY, xFrameOptions: "DENY" }))
  // No CORS here: API Gateway answers it in AWS (packages/stage/src/cors.ts), and the local server in front of this app does the same.
  .route("/health", health)
  .route("/", docs)
  .route("/calendar", calendarFeed)
  .route("/api", api)
  .notFound((c) => {
    const allowed = allowedAt(c.req.path);
    if (allowed.length === 0) return problem(c, 404, "route.not_found", `No route ${c.req.method} ${c.req.path}.`);
    c.header("allow", allowed.join(", "));
    return problem(c, 405, "method.not_allowed", `${c.req.path} answers ${allowed.join(", ")}, not ${c.req.method}.`, { allowed });
  })
  .onError(onError);

const allowedAt = methodsAt(app);

export type App = typeof app;
