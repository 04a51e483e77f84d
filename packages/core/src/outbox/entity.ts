import { entity } from "../db/entity";

export const OUTBOX_STATUSES = ["PENDING", "DONE", "DEAD", "REPLAYED"] as const;

/**
 * Something that happened and still has effects to cause (backups, archives,
 * notices). Written in the same transaction as the change; the table stream
 * delivers its INSERT to the processor (infra filters on `__edb_e__ = "outbox"`,
 * so the entity name must stay `outbox`).
 */
export const OutboxEntity = entity({
  model: { entity: "outbox", version: "1", service: "testex" },
  attributes: {
    event_id: { type: "string", required: true, readOnly: true },
    /** The first event of a replay chain: effects are keyed by it, so a replay never repeats a done effect. */
    origin_id: { type: "string", required: true, readOnly: true },
    type: { type: "string", required: true, readOnly: true },
    contract_id: { type: "string", required: true, readOnly: true },
    payload: { type: "any", required: true, readOnly: true },
    status: { type: OUTBOX_STATUSES, required: true },
    /** Names of the effects already done, added one by one as each completes. */
    effects_done: { type: "set", items: "string" },
    attempts: { type: "number", required: true },
    last_error: { type: "string" },
    created_at: { type: "string", required: true, readOnly: true },
    updated_at: { type: "string", required: true },
    /** Set when done: the item leaves the table some weeks later (TTL). */
    expires_at: { type: "number" },
  },
  indexes: {
    byId: {
      pk: { field: "pk", composite: ["event_id"] },
      sk: { field: "sk", composite: [] },
    },
    byStatus: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: ["status"] },
      sk: { field: "gsi1sk", composite: ["created_at", "event_id"] },
    },
    byContract: {
      index: "gsi2",
      pk: { field: "gsi2pk", composite: ["contract_id"] },
      sk: { field: "gsi2sk", composite: ["created_at", "event_id"] },
    },
  },
});
