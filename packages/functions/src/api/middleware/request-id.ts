import { createMiddleware } from "hono/factory";
import { randomUUID } from "node:crypto";
import { withLogFields } from "@testex/core";
import type { AppEnv } from "../types";

const ACCEPTABLE = /^[A-Za-z0-9._-]{8,64}$/;

/** Every response carries `x-request-id` (the caller's, if it is sane), and every log line of the request too. */
export const requestId = createMiddleware<AppEnv>(async (c, next) => {
  const incoming = c.req.header("x-request-id");
  const id = incoming && ACCEPTABLE.test(incoming) ? incoming : randomUUID();
  c.set("requestId", id);
  c.header("x-request-id", id);
  await withLogFields({ request_id: id }, next);
  c.header("x-request-id", id);
});
