import { Hono } from "hono";
import { Termination } from "@testex/core";
import { operation } from "../operation";
import type { AppEnv } from "../types";

/** The stage's termination policy, read only (it changes with a deployment of the stage's settings). */
export const policy = new Hono<AppEnv>().get(
  "/",
  operation({
    tag: "Terminations",
    summary: "The stage's termination policy: approval thresholds per currency, reasons and their rules, who approves",
    access: "admin",
    responses: { 200: Termination.PolicyView },
  }),
  (c) => c.json(Termination.policyView()),
);
