import { Hono } from "hono";
import * as v from "valibot";
import { Webhook } from "@testex/core";
import { PageOf } from "@testex/core/schema";
import { operation } from "../operation";
import type { AppEnv } from "../types";

const tag = "Webhooks";
const Params = v.object({ id: Webhook.SubscriptionId });
const DeliveryParams = v.object({ id: Webhook.SubscriptionId, delivery_id: Webhook.DeliveryId });

// Mounted at /admin/webhooks: subscriptions, their delivery logs and replays, for admins only.
export const webhooks = new Hono<AppEnv>()
  .post(
    "/",
    operation({
      tag,
      summary: "Subscribe a receiver to event types; the reply shows its signing secret, once",
      description:
        "Deliveries are signed as Standard Webhooks specifies (`webhook-id`, `webhook-timestamp`, `webhook-signature`); verify them with the `standardwebhooks` libraries and the `secret` of this reply, which is not shown again. The URL is refused (422 `webhook.target_refused`) unless it is https and its host resolves to public addresses only; the rule is checked again at every delivery.",
      access: "admin",
      body: Webhook.SubscriptionInput,
      responses: { 201: Webhook.WithSecret },
      headers: { 201: ["Location"] },
      errors: ["webhook.target_refused"],
    }),
    async (c) => {
      const created = await Webhook.create(c.var.input.body);
      return c.json(created, 201, { location: `/api/admin/webhooks/${created.subscription_id}` });
    },
  )
  .get(
    "/",
    operation({ tag, summary: "Every webhook subscription, oldest first", access: "admin", query: Webhook.ListQuery, responses: { 200: PageOf(Webhook.Subscription) } }),
    async (c) => c.json(await Webhook.list(c.var.input.query)),
  )
  .get(
    "/:id",
    operation({ tag, summary: "A webhook subscription (without its secrets)", access: "admin", params: Params, responses: { 200: Webhook.Subscription }, errors: ["webhook.not_found"] }),
    async (c) => c.json(await Webhook.get(c.var.input.params.id)),
  )
  .patch(
    "/:id",
    operation({
      tag,
      summary: "Change a subscription's URL, event types, description or whether it is enabled",
      description: "A new URL is checked as on creation. With `version`, the change applies only to that version (409 otherwise).",
      access: "admin",
      params: Params,
      body: Webhook.SubscriptionChanges,
      responses: { 200: Webhook.Subscription },
      errors: ["webhook.not_found", "webhook.target_refused", "version.conflict"],
    }),
    async (c) => c.json(await Webhook.update(c.var.input.params.id, c.var.input.body)),
  )
  .delete(
    "/:id",
    operation({ tag, summary: "Delete a subscription: nothing more is delivered to it", access: "admin", params: Params, responses: { 204: null }, errors: ["webhook.not_found", "version.conflict"] }),
    async (c) => {
      await Webhook.remove(c.var.input.params.id);
      return c.body(null, 204);
    },
  )
  .post(
    "/:id/rotate",
    operation({
      tag,
      summary: "Make a new signing secret, shown once; the previous one keeps signing beside it for the overlap",
      description: "During the overlap every delivery carries two `v1,` signatures (the specification allows several), so the receiver can switch to the new secret at its own pace.",
      access: "admin",
      params: Params,
      body: Webhook.RotateInput,
      bodyOptional: true,
      responses: { 200: Webhook.WithSecret },
      errors: ["webhook.not_found", "version.conflict"],
    }),
    async (c) => c.json(await Webhook.rotate(c.var.input.params.id, c.var.input.body ?? {})),
  )
  .post(
    "/:id/ping",
    operation({
      tag,
      summary: "Send a `webhook.ping` delivery, to check the receiver and its secret",
      access: "admin",
      params: Params,
      responses: { 202: Webhook.Delivery },
      errors: ["webhook.not_found"],
    }),
    async (c) => c.json(await Webhook.ping(c.var.input.params.id), 202),
  )
  .get(
    "/:id/deliveries",
    operation({
      tag,
      summary: "A subscription's delivery log, newest first: status, attempts, the receiver's last status code and latency",
      access: "admin",
      params: Params,
      query: Webhook.ListQuery,
      responses: { 200: PageOf(Webhook.Delivery) },
      errors: ["webhook.not_found"],
    }),
    async (c) => {
      await Webhook.get(c.var.input.params.id);
      return c.json(await Webhook.deliveries(c.var.input.params.id, c.var.input.query));
    },
  )
  .post(
    "/:id/deliveries/:delivery_id/replay",
    operation({
      tag,
      summary: "Send a delivery again (same `webhook-id` and body), with a fresh set of attempts",
      description: "Any delivery that has ended, delivered or dead; one still being tried is refused (409 `webhook.delivery_in_progress`).",
      access: "admin",
      params: DeliveryParams,
      responses: { 202: Webhook.Delivery },
      errors: ["webhook.not_found", "webhook.delivery_not_found", "webhook.delivery_in_progress"],
    }),
    async (c) => c.json(await Webhook.replay(c.var.input.params.id, c.var.input.params.delivery_id), 202),
  );
