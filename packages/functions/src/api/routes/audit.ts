import { Hono } from "hono";
import * as v from "valibot";
import { Audit } from "@testex/core";
import { PageQuery } from "@testex/core/schema";
import { queryOf } from "../request";
import type { AppEnv } from "../types";

const ByActorQuery = v.strictObject({ ...PageQuery.entries, actor: v.pipe(v.string(), v.minLength(1), v.maxLength(256)) });

/** Everything one person or job changed, newest first. */
export const audit = new Hono<AppEnv>().get("/", async (c) => {
  const { actor, ...page } = queryOf(c, ByActorQuery);
  return c.json(await Audit.byActor(actor, page));
});
