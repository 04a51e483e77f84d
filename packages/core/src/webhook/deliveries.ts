/**
 * Delivery records: made by the fan-out (one per event and subscription) or a
 * ping, tried by the worker, listed per subscription, replayed on request.
 */
import { createHash } from "node:crypto";
import type { EntityItem } from "electrodb";
import * as v from "valibot";
import * as Audit from "../audit";
import { AuditEntity } from "../audit/entity";
import { settings } from "../config";
import { withCursor, type Page } from "../db/cursor";
import { writeTransaction } from "../db/transaction";
import { DomainError } from "../error";
import { metric } from "../metric";
import { PageQuery } from "../schema";
import { parse } from "../validation";
import { DELIVERY_STATUSES, WebhookDeliveryEntity } from "./entity";
import { announce } from "./queue";
import type { Attempt } from "./send";

export type Stored = EntityItem<typeof WebhookDeliveryEntity>;

export const Delivery = v.object({
  delivery_id: v.pipe(v.string(), v.description("The `webhook-id` header of every attempt: the same for each retry and replay, so a receiver can ignore one it already handled.")),
  subscription_id: v.string(),
  event_id: v.string(),
  event_type: v.string(),
  status: v.pipe(v.picklist(DELIVERY_STATUSES), v.description("PENDING (queued), SUCCEEDED (answered 2xx), FAILING (retried with backoff) or DEAD (out of attempts; replay it).")),
  attempts: v.pipe(v.number(), v.description("Attempts ever made, replays included.")),
  last_status_code: v.optional(v.pipe(v.number(), v.description("The receiver's HTTP status at the last attempt; absent when it did not answer."))),
  last_latency_ms: v.optional(v.number()),
  last_error: v.optional(v.pipe(v.string(), v.description("Why the last attempt failed (a status, a timeout, a refused address)."))),
  last_attempt_at: v.optional(v.string()),
  delivered_at: v.optional(v.string()),
  created_at: v.string(),
  updated_at: v.string(),
});
export type Delivery = v.InferOutput<typeof Delivery>;

export const DeliveryId = v.pipe(v.string(), v.regex(/^msg_[0-9a-f]{32}$/, "Not a delivery id"));

export const present = ({ body: _body, round_attempts: _round, ...delivery }: Stored): Delivery => delivery;

/** The `webhook-id` of an event for a subscription: its origin's, so an outbox replay of the event finds the same delivery. */
export const deliveryId = (originId: string, subscriptionId: string) =>
  `msg_${createHash("sha256").update(`${originId}\n${subscriptionId}`).digest("hex").slice(0, 32)}`;

const auditOf = (delivery: Stored, action: string, at: string) =>
  Audit.record(
    {
      trail: delivery.subscription_id,
      entity: "webhookDelivery",
      entity_id: delivery.delivery_id,
      action,
      after: { event_type: delivery.event_type, status: delivery.status, attempts: delivery.attempts, last_status_code: delivery.last_status_code, last_error: delivery.last_error },
    },
    at,
  );

/**
 * Records one delivery with its audit entry, and queues it. Idempotent by its
 * id: when it exists (an effect run again) it is queued again only while no
 * attempt was made, since a message may have been lost between the two.
 */
export async function open(input: Pick<Stored, "delivery_id" | "subscription_id" | "event_id" | "event_type" | "body">): Promise<void> {
  const at = new Date().toISOString();
  const record: Stored = { ...input, status: "PENDING", attempts: 0, round_attempts: 0, created_at: at, updated_at: at };
  try {
    await writeTransaction(
      { webhookDelivery: WebhookDeliveryEntity, audit: AuditEntity },
      ({ webhookDelivery, audit }) => [webhookDelivery.create(record).commit(), audit.put(auditOf(record, "webhook.delivery_queued", at)).commit()],
      () => new DomainError("webhook.delivery_exists", `Delivery ${input.delivery_id} exists.`),
    );
  } catch (error) {
    if (!(error instanceof DomainError && error.code === "webhook.delivery_exists")) throw error;
    const existing = await load(input.delivery_id);
    if (existing?.status !== "PENDING" || existing.attempts > 0) return;
  }
  await announce([input.delivery_id]);
}

export async function load(id: string): Promise<Stored | null> {
  return (await WebhookDeliveryEntity.get({ delivery_id: id }).go({ consistent: true })).data;
}

/**
 * Records what one attempt met. A 2xx ends it (SUCCEEDED); a failure is
 * retried until the stage's attempts are spent (DEAD). Ending either way is
 * audited with the record, in one transaction.
 */
export async function recordAttempt(delivery: Stored, attempt: Attempt): Promise<"done" | "retry" | "dead"> {
  const at = new Date().toISOString();
  const round = delivery.round_attempts + 1;
  const status = attempt.ok ? "SUCCEEDED" : round >= settings().webhooks.maxAttempts ? "DEAD" : "FAILING";
  const changes = {
    status,
    attempts: delivery.attempts + 1,
    round_attempts: round,
    last_latency_ms: attempt.latency_ms,
    last_attempt_at: at,
    updated_at: at,
    ...(attempt.status_code === undefined ? {} : { last_status_code: attempt.status_code }),
    ...(attempt.error ? { last_error: attempt.error } : {}),
    ...(attempt.ok ? { delivered_at: at } : {}),
  } as const;
  // What the last attempt did not say is cleared, so the record never mixes two attempts.
  const cleared = [...(attempt.status_code === undefined ? ["last_status_code" as const] : []), ...(attempt.error ? [] : ["last_error" as const])];
  const after: Stored = { ...delivery, ...changes };
  const ended = status !== "FAILING";
  await writeTransaction(
    { webhookDelivery: WebhookDeliveryEntity, audit: AuditEntity },
    ({ webhookDelivery, audit }) => [
      webhookDelivery
        .patch({ delivery_id: delivery.delivery_id })
        .set(changes)
        .remove(cleared)
        .where(({ updated_at }, { eq }) => eq(updated_at, delivery.updated_at))
        .commit(),
      ...(ended ? [audit.put(auditOf(after, attempt.ok ? "webhook.delivered" : "webhook.delivery_dead", at)).commit()] : []),
    ],
    () => new DomainError("version.conflict", `Delivery ${delivery.delivery_id} changed while it was being sent.`),
  );
  if (!ended) return "retry";
  if (!attempt.ok) {
    metric("WebhookDead");
    return "dead";
  }
  metric("WebhookDelivered");
  return "done";
}

/** A subscription's deliveries, newest first. */
export async function bySubscription(subscriptionId: string, raw: v.InferInput<typeof PageQuery>): Promise<Page<Delivery>> {
  const page = parse(PageQuery, raw);
  const result = await withCursor(page.cursor, (cursor) =>
    WebhookDeliveryEntity.query.bySubscription({ subscription_id: subscriptionId }).go({ limit: page.limit, cursor, order: "desc" }),
  );
  return { items: result.data.map(present), next_cursor: result.cursor };
}

/** One delivery of a subscription. */
export async function get(subscriptionId: string, id: string): Promise<Stored> {
  const delivery = await load(id);
  if (!delivery || delivery.subscription_id !== subscriptionId)
    throw new DomainError("webhook.delivery_not_found", `Subscription ${subscriptionId} has no delivery ${id}.`, { delivery_id: id });
  return delivery;
}

/**
 * Sends a delivery again, with the same `webhook-id` and body and a fresh
 * budget of attempts: one that ended (delivered or dead) goes back to PENDING
 * and is queued. One still being tried is refused: it is already on its way.
 */
export async function replay(subscriptionId: string, id: string): Promise<Delivery> {
  const delivery = await get(subscriptionId, id);
  if (delivery.status === "PENDING" || delivery.status === "FAILING")
    throw new DomainError("webhook.delivery_in_progress", `Delivery ${id} is ${delivery.status} and will be tried again by itself; replay it once it has ended.`, {
      status: delivery.status,
    });
  const at = new Date().toISOString();
  const replayed: Stored = { ...delivery, status: "PENDING", round_attempts: 0, updated_at: at };
  await writeTransaction(
    { webhookDelivery: WebhookDeliveryEntity, audit: AuditEntity },
    ({ webhookDelivery, audit }) => [
      webhookDelivery
        .patch({ delivery_id: id })
        .set({ status: "PENDING", round_attempts: 0, updated_at: at })
        .where(({ status }, { eq }) => eq(status, delivery.status))
        .commit(),
      audit.put(auditOf(replayed, "webhook.delivery_replayed", at)).commit(),
    ],
    () => new DomainError("webhook.delivery_in_progress", `Delivery ${id} was replayed at the same moment.`),
  );
  await announce([id]);
  return present(replayed);
}
