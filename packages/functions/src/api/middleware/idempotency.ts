import { createMiddleware } from "hono/factory";
import { Idempotency } from "@testex/core";
import type { AppEnv } from "../types";

const REPLAYED_HEADERS = ["content-type", "location", "etag"] as const;

/**
 * `Idempotency-Key` on any POST: the first request with a key runs and its
 * reply is kept (per caller, for a day); the same request again gets that
 * reply back without running; the key with another body is refused (422),
 * and while the first is still running a second gets 409. A reply we failed
 * to produce (5xx) or a conflict with the moment's state (409) is not kept,
 * so the retry runs for real.
 */
export const idempotency = createMiddleware<AppEnv>(async (c, next) => {
  const key = c.req.header("idempotency-key");
  if (c.req.method !== "POST" || key === undefined) return next();
  const actor = c.get("actor").id;
  // A copy of the bytes: decoding them as text would alter binary uploads, and the route still reads the original.
  const print = Idempotency.fingerprint(c.req.method, c.req.path, new Uint8Array(await c.req.raw.clone().arrayBuffer()));
  const stored = await Idempotency.begin(actor, key, print);
  if (stored) {
    return c.body(stored.body, stored.status as 200, { ...stored.headers, "idempotent-replayed": "true" });
  }
  try {
    await next();
  } catch (error) {
    await Idempotency.release(actor, key);
    throw error;
  }
  // Not kept: a failure on our side (5xx), or a conflict with the state of the moment (409), which a retry may pass.
  if (c.res.status >= 500 || c.res.status === 409) return Idempotency.release(actor, key);
  const headers: Record<string, string> = {};
  for (const name of REPLAYED_HEADERS) {
    const value = c.res.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  await Idempotency.finish(actor, key, { status: c.res.status, headers, body: await c.res.clone().text() });
});
