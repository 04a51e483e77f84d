import { Hono } from "hono";
import * as v from "valibot";
import { checkHealth, HEALTH_CHECKS } from "@testex/core/health";
import { operation } from "../operation";
import type { AppEnv } from "../types";

const Check = v.picklist(["ok", "timeout", "error"]);
export const Health = v.object({
  status: v.picklist(["ok", "degraded"]),
  checks: v.object(Object.fromEntries(HEALTH_CHECKS.map((name) => [name, Check])) as Record<(typeof HEALTH_CHECKS)[number], typeof Check>),
});

// The route is public: answers are reused for a few seconds, so a flood of health
// requests cannot turn into a flood of calls to the table, S3 and SES.
const REUSE_MS = 5_000;
let recent: { at: number; health: ReturnType<typeof checkHealth> } | undefined;
const currentHealth = () => {
  if (!recent || Date.now() - recent.at > REUSE_MS) recent = { at: Date.now(), health: checkHealth() };
  return recent.health;
};

export const health = new Hono<AppEnv>().get(
  "/",
  operation({
    tag: "Operations",
    summary: "Reachability of the table, the buckets and mail",
    description: "Each dependency is checked with the stage's deadline (1 s when deployed); answers are reused for 5 s. 503 when any of them fails; the reason is in the logs, not here.",
    access: "public",
    responses: { 200: Health, 503: Health },
  }),
  async (c) => {
    const health = await currentHealth();
    return c.json(health, health.status === "ok" ? 200 : 503);
  },
);
