import { entity } from "../db/entity";

/**
 * A receiver that asked for some event types at one URL. Its secrets sign
 * every delivery: the newest first, and during a rotation's overlap the one
 * before it too (until `expires_at`), so receivers can switch at their pace.
 * The secrets are needed to sign, so they are kept (the table is encrypted
 * at rest) but never shown again after the reply that made them.
 */
export const WebhookSubscriptionEntity = entity({
  model: { entity: "webhookSubscription", version: "1", service: "testex" },
  attributes: {
    subscription_id: { type: "string", required: true, readOnly: true },
    url: { type: "string", required: true },
    description: { type: "string" },
    event_types: { type: "list", items: { type: "string" }, required: true },
    enabled: { type: "boolean", required: true },
    secrets: {
      type: "list",
      required: true,
      items: {
        type: "map",
        properties: { secret: { type: "string", required: true }, created_at: { type: "string", required: true }, expires_at: { type: "string" } },
      },
    },
    version: { type: "number", required: true },
    created_at: { type: "string", required: true, readOnly: true },
    updated_at: { type: "string", required: true },
  },
  indexes: {
    byId: {
      pk: { field: "pk", composite: ["subscription_id"] },
      sk: { field: "sk", composite: [] },
    },
    /** Every subscription, oldest first: the fan-out reads them all (a handful per stage). */
    all: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: [] },
      sk: { field: "gsi1sk", composite: ["created_at", "subscription_id"] },
    },
  },
});

export const DELIVERY_STATUSES = ["PENDING", "SUCCEEDED", "FAILING", "DEAD"] as const;

/**
 * One event for one subscription: its `webhook-id` (stable, so receivers can
 * de-duplicate), the exact body signed, and what each attempt met. PENDING →
 * SUCCEEDED, or FAILING (retried with backoff) → … → DEAD after the stage's
 * attempts; any delivery can be replayed to PENDING.
 */
export const WebhookDeliveryEntity = entity({
  model: { entity: "webhookDelivery", version: "1", service: "testex" },
  attributes: {
    delivery_id: { type: "string", required: true, readOnly: true },
    subscription_id: { type: "string", required: true, readOnly: true },
    event_id: { type: "string", required: true, readOnly: true },
    event_type: { type: "string", required: true, readOnly: true },
    /** The JSON body, exactly as signed and sent. */
    body: { type: "string", required: true, readOnly: true },
    status: { type: DELIVERY_STATUSES, required: true },
    /** Attempts ever made. */
    attempts: { type: "number", required: true },
    /** Attempts since it was last (re)queued: the retries' budget counts these. */
    round_attempts: { type: "number", required: true },
    last_status_code: { type: "number" },
    last_latency_ms: { type: "number" },
    /** Why the last attempt failed, in words (a timeout, a refused address); never the receiver's body. */
    last_error: { type: "string" },
    last_attempt_at: { type: "string" },
    delivered_at: { type: "string" },
    created_at: { type: "string", required: true, readOnly: true },
    updated_at: { type: "string", required: true },
  },
  indexes: {
    byId: {
      pk: { field: "pk", composite: ["delivery_id"], casing: "none" },
      sk: { field: "sk", composite: [] },
    },
    bySubscription: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: ["subscription_id"] },
      sk: { field: "gsi1sk", composite: ["created_at", "delivery_id"], casing: "none" },
    },
  },
});
