import { Hono } from "hono";
import * as v from "valibot";
import { CAPABILITIES, can, ROLES } from "@testex/core";
import { operation } from "../operation";
import type { AppEnv } from "../types";

export const Me = v.object({
  /** The issuer's stable subject id: what the audit trail and four-eyes use. */
  id: v.string(),
  name: v.optional(v.string()),
  email: v.optional(v.string()),
  roles: v.array(v.picklist(ROLES)),
  capabilities: v.array(v.picklist(CAPABILITIES)),
});

/** Who the caller is to this API: the roles the stage's group mapping gives them, and what those let them do. */
export const me = new Hono<AppEnv>().get(
  "/",
  operation({
    tag: "Identity",
    summary: "Who is signed in, with their roles and what they may do",
    description: "Roles come from the token's groups through the stage's mapping; a console shows only the controls `capabilities` allows.",
    access: "read",
    responses: { 200: Me },
  }),
  (c) => {
    const actor = c.get("actor");
    const roles = ROLES.filter((role) => actor.roles.includes(role));
    return c.json({
      id: actor.id,
      ...(actor.name ? { name: actor.name } : {}),
      ...(actor.email ? { email: actor.email } : {}),
      roles,
      capabilities: CAPABILITIES.filter((capability) => can(actor, capability)),
    });
  },
);
