import { Hono } from "hono";
import * as v from "valibot";
import { Contract, Notification } from "@testex/core";
import { ContractId, PageOf } from "@testex/core/schema";
import { operation } from "../operation";
import type { AppEnv } from "../types";

const tag = "Notifications";
const Params = v.object({ id: Notification.NotificationId });
const ContractParams = v.object({ id: ContractId });

// Mounted at the API root: a contract's notices live under /contracts/{id}/notifications.
export const notifications = new Hono<AppEnv>()
  .post(
    "/notifications",
    operation({
      tag,
      summary: "Queue a notice from a template; it is sent by the notifier",
      description:
        "`props` are checked against the template's schema. Links are not taken: the notice's links are made from the stage's console URL. Every contract the notice names (`contract_id`, `props.contract_id`) must exist. The reply is 202: delivery happens later; follow `location`.",
      access: "admin",
      body: Notification.NoticeRequest,
      responses: { 202: Notification.Notification },
      headers: { 202: ["Location"] },
      errors: ["contract.not_found"],
    }),
    async (c) => {
      const notice = await Notification.send(c.var.input.body);
      return c.json(notice, 202, { location: `/api/notifications/${notice.notification_id}` });
    },
  )
  .get(
    "/notifications/:id",
    operation({ tag, summary: "A notice and its delivery state", access: "read", params: Params, responses: { 200: Notification.Notification }, errors: ["notification.not_found"] }),
    async (c) => c.json(await Notification.get(c.req.param("id"))),
  )
  .get(
    "/contracts/:id/notifications",
    operation({
      tag,
      summary: "A contract's notices, newest first",
      access: "read",
      params: ContractParams,
      query: Notification.ListQuery,
      responses: { 200: PageOf(Notification.Notification) },
    }),
    async (c) => c.json(await Notification.byContract(Contract.id(c.req.param("id")), c.var.input.query)),
  );

/** The operators' side of notices, mounted at /api/admin/notifications: those that ran out of attempts, and a replay. */
export const noticesAdmin = new Hono<AppEnv>()
  .get(
    "/dead",
    operation({
      tag,
      summary: "Notices that ran out of attempts, most recently failed first (admin)",
      access: "admin",
      query: Notification.ListQuery,
      responses: { 200: PageOf(Notification.Notification) },
    }),
    async (c) => c.json(await Notification.dead(c.var.input.query)),
  )
  .post(
    "/:id/retry",
    operation({
      tag,
      summary: "Replay a DEAD notice",
      access: "admin",
      params: Params,
      responses: { 202: Notification.Notification },
      errors: ["notification.not_found", "notification.not_dead"],
    }),
    async (c) => c.json(await Notification.retry(c.req.param("id")), 202),
  );
