import { Hono } from "hono";
import * as v from "valibot";
import { ROLES } from "@testex/core";
import { operation } from "../operation";
import type { AppEnv } from "../types";

export const Me = v.object({
  /** The issuer's stable subject id: four-eyes compares it. */
  id: v.string(),
  name: v.optional(v.string()),
  email: v.optional(v.string()),
  roles: v.array(v.picklist(ROLES)),
});

export const me = new Hono<AppEnv>().get(
  "/",
  operation({
    tag: "People",
    summary: "Who you are, as the API sees your token",
    description: "Your subject id, name and e-mail from the token, and the roles its groups grant on this stage: the console shows only the controls those roles may use.",
    access: "read",
    responses: { 200: Me },
  }),
  (c) => {
    const { id, name, email, roles } = c.get("actor") as { id: string; name?: string; email?: string; roles: readonly string[] };
    return c.json(v.parse(Me, { id, name, email, roles: roles.filter((role) => (ROLES as readonly string[]).includes(role)) }));
  },
);
