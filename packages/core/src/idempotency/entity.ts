import { entity } from "../db/entity";

/** A POST seen with an `Idempotency-Key`: its fingerprint, then the reply to give again. */
export const IdempotencyEntity = entity({
  model: { entity: "idempotency", version: "1", service: "testex" },
  attributes: {
    /** Keys are per caller: two people may pick the same key without meeting. */
    actor: { type: "string", required: true, readOnly: true },
    key: { type: "string", required: true, readOnly: true },
    fingerprint: { type: "string", required: true, readOnly: true },
    state: { type: ["IN_PROGRESS", "DONE"] as const, required: true },
    response_status: { type: "number" },
    response_headers: { type: "map", properties: { "content-type": { type: "string" }, location: { type: "string" }, etag: { type: "string" } } },
    response_body: { type: "string" },
    created_at: { type: "string", required: true, readOnly: true },
    /** When the request now running took the key; an old claim is a request that died. */
    claimed_at: { type: "string", required: true },
    expires_at: { type: "number", required: true },
  },
  indexes: {
    byKey: {
      // As given: ElectroDB lower-cases keys by default, which would make "Key" and "key" (or two subjects) one.
      pk: { field: "pk", composite: ["actor", "key"], casing: "none" },
      sk: { field: "sk", composite: [] },
    },
  },
});
