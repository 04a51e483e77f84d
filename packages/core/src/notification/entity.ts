import { entity } from "../db/entity";

export const NOTIFICATION_STATUSES = ["QUEUED", "SENT", "FAILED", "DEAD"] as const;

/** What happened to a SENT notice at the recipient's end, as SES reports it. */
export const DELIVERY_STATUSES = ["DELIVERED", "BOUNCED", "COMPLAINED"] as const;

/**
 * One notice and its delivery record. QUEUED → SENT, or → FAILED (retried) →
 * … → DEAD after too many attempts; a DEAD one can be replayed to QUEUED.
 * A worker holds a short claim (`claim_token`, `claimed_until`) while it sends,
 * so a redelivered queue message never sends the same notice twice.
 */
export const NotificationEntity = entity({
  model: { entity: "notification", version: "1", service: "testex" },
  attributes: {
    notification_id: { type: "string", required: true, readOnly: true },
    template: { type: "string", required: true, readOnly: true },
    to: { type: "list", items: { type: "string" }, required: true, readOnly: true },
    contract_id: { type: "string", readOnly: true },
    /** The termination the notice is part of (its requests, decisions, notice and confirmation to the client). */
    termination_id: { type: "string", readOnly: true },
    props: { type: "any", required: true, readOnly: true },
    /** Documents of the contract sent with the notice (the termination letter), read from the files bucket when sending. */
    attachments: { type: "list", items: { type: "string" }, readOnly: true },
    /**
     * An approval request carries the termination letter as it would be sent,
     * rendered when the notice is sent, as its reader would see it in the
     * console (their own approval included); `reader_id` is absent for the group address.
     */
    letter_preview: { type: "map", properties: { reader_id: { type: "string" }, reader_name: { type: "string" } }, readOnly: true },
    status: { type: NOTIFICATION_STATUSES, required: true },
    /** Sends tried since it was (re)queued. */
    attempts: { type: "number", required: true },
    /** The SES message id of the last accepted send (also on its entry in `sends`). */
    ses_message_id: { type: "string" },
    /**
     * Every send ever tried, oldest first, never rewritten: `at` is written
     * with the claim, before SES is called; `message_id` and `accepted_at`
     * once SES accepted it. An entry without a message id is an attempt whose
     * outcome was not recorded (it failed, or the worker died in the window).
     */
    sends: {
      type: "list",
      items: {
        type: "map",
        properties: { at: { type: "string", required: true }, message_id: { type: "string" }, accepted_at: { type: "string" } },
      },
    },
    /** The SES error name (or our own code) of the last failed attempt; never the message text. */
    last_error_code: { type: "string" },
    claim_token: { type: "string" },
    /** Epoch milliseconds after which a claim is abandoned and may be taken over. */
    claimed_until: { type: "number" },
    created_at: { type: "string", required: true, readOnly: true },
    updated_at: { type: "string", required: true },
    sent_at: { type: "string" },
    /** What SES last reported after accepting the notice (proof of delivery); absent until it reports. */
    delivery_status: { type: DELIVERY_STATUSES },
    /** When the provider says it happened (its timestamp, not ours). */
    delivery_at: { type: "string" },
    /** The provider's words for it: the receiving server's reply, a bounce or complaint type. Never an address. */
    delivery_detail: { type: "string" },
  },
  indexes: {
    byId: {
      pk: { field: "pk", composite: ["notification_id"] },
      sk: { field: "sk", composite: [] },
    },
    // Notices about no contract (system alerts) share the empty-id partition; nothing reads it.
    byContract: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: ["contract_id"] },
      sk: { field: "gsi1sk", composite: ["created_at", "notification_id"] },
    },
    byStatus: {
      index: "gsi2",
      pk: { field: "gsi2pk", composite: ["status"] },
      sk: { field: "gsi2sk", composite: ["updated_at", "notification_id"] },
    },
  },
});
