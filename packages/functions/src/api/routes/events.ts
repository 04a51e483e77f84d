import { Hono } from "hono";
import * as v from "valibot";
import { Contract, Outbox } from "@testex/core";
import { ContractId, PageOf, PageQuery } from "@testex/core/schema";
import { operation } from "../operation";
import { queryOf } from "../request";
import type { AppEnv } from "../types";

const tag = "Events";
const EventParams = v.object({ event_id: v.pipe(v.string(), v.regex(/^EV[0-9A-Z]{4,32}$/, "Not an event id")) });
const DeadQuery = v.strictObject(PageQuery.entries);

/** What was announced about one contract, mounted at /api/contracts/{id}/events. */
export const contractEvents = new Hono<AppEnv>().get(
  "/",
  operation({
    tag,
    summary: "The contract's outbox events and which of their effects (backup, archive, notices) are done",
    access: "read",
    params: v.object({ id: ContractId }),
    responses: { 200: v.object({ items: v.array(Outbox.Event) }) },
  }),
  async (c) => c.json({ items: await Outbox.byContract(Contract.id(c.var.input.params.id)) }),
);

/** Events of any module whose effects kept failing, mounted at /api/admin/dead-events: the list, and a replay. */
export const deadEvents = new Hono<AppEnv>()
  .get(
    "/",
    operation({ tag, summary: "Events whose effects kept failing and were parked (admin)", access: "admin", query: DeadQuery, responses: { 200: PageOf(Outbox.Event) } }),
    async (c) => c.json(await Outbox.dead(queryOf(c, DeadQuery))),
  )
  .post(
    "/:event_id/replay",
    operation({
      tag,
      summary: "Run a dead event's remaining effects again (admin)",
      access: "admin",
      params: EventParams,
      responses: { 202: Outbox.Event },
      errors: ["event.not_found", "event.not_dead"],
    }),
    async (c) => c.json(await Outbox.replay(c.req.param("event_id")), 202),
  );
