import { Hono } from "hono";
import * as v from "valibot";
import { operation } from "../operation";
import type { AppEnv } from "../types";

export const Health = v.object({ status: v.picklist(["ok", "degraded"]) });

export const health = new Hono<AppEnv>().get(
  "/",
  operation({ tag: "Operations", summary: "Liveness of the API", access: "public", responses: { 200: Health } }),
  (c) => c.json({ status: "ok" as const }),
);
