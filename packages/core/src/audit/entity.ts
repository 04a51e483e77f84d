import { entity } from "../db/entity";

export const AuditEntity = entity({
  model: { entity: "audit", version: "1", service: "testex" },
  attributes: {
    audit_id: { type: "string", required: true, readOnly: true },
    /** The aggregate whose history this entry belongs to: a contract or a client id. */
    trail: { type: "string", required: true, readOnly: true },
    entity: { type: "string", required: true, readOnly: true },
    entity_id: { type: "string", required: true, readOnly: true },
    action: { type: "string", required: true, readOnly: true },
    actor: { type: "string", required: true, readOnly: true },
    actor_email: { type: "string", readOnly: true },
    /** The actor's display name when the entry was written, from their token. */
    actor_name: { type: "string", readOnly: true },
    request_id: { type: "string", required: true, readOnly: true },
    at: { type: "string", required: true, readOnly: true },
    before: { type: "any", readOnly: true },
    after: { type: "any", readOnly: true },
  },
  indexes: {
    byTrail: {
      pk: { field: "pk", composite: ["trail"] },
      sk: { field: "sk", composite: ["at", "audit_id"] },
    },
    byActor: {
      index: "gsi1",
      // Subjects are case-sensitive (OIDC): ElectroDB's default lower-casing would merge two people's trails.
      pk: { field: "gsi1pk", composite: ["actor"], casing: "none" },
      sk: { field: "gsi1sk", composite: ["at", "audit_id"] },
    },
  },
});
