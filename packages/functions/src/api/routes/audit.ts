import { Hono } from "hono";
import * as v from "valibot";
import { Audit } from "@testex/core";
import { PageOf, PageQuery } from "@testex/core/schema";
import { operation } from "../operation";
import { queryOf } from "../request";
import type { AppEnv } from "../types";

const ByActorQuery = v.strictObject({ ...PageQuery.entries, actor: v.pipe(v.string(), v.minLength(1), v.maxLength(256)) });

export const audit = new Hono<AppEnv>().get(
  "/",
  operation({ tag: "Audit", summary: "Everything one person or job changed, newest first", access: "read", query: ByActorQuery, responses: { 200: PageOf(Audit.AuditEntry) } }),
  async (c) => {
    const { actor, ...page } = queryOf(c, ByActorQuery);
    return c.json(await Audit.byActor(actor, page));
  },
);
