import { entity } from "../db/entity";

/**
 * A person's calendar feed, found by the SHA-256 of its secret (the secret
 * itself is shown once and never stored). Who it belongs to is kept as they
 * were when they asked for it: a calendar cannot send a token.
 */
export const CalendarFeedEntity = entity({
  model: { entity: "calendarFeed", version: "1", service: "testex" },
  attributes: {
    secret_hash: { type: "string", required: true, readOnly: true },
    actor_id: { type: "string", required: true, readOnly: true },
    roles: { type: "list", items: { type: "string" }, required: true, readOnly: true },
    created_at: { type: "string", required: true, readOnly: true },
  },
  indexes: {
    bySecret: {
      pk: { field: "pk", composite: ["secret_hash"], casing: "none" },
      sk: { field: "sk", composite: [] },
    },
  },
});

/** Which feed is a person's now: a new one replaces (revokes) the one before. */
export const CalendarOwnerEntity = entity({
  model: { entity: "calendarOwner", version: "1", service: "testex" },
  attributes: {
    actor_id: { type: "string", required: true, readOnly: true },
    secret_hash: { type: "string", required: true },
    created_at: { type: "string", required: true },
  },
  indexes: {
    byActor: {
      pk: { field: "pk", composite: ["actor_id"], casing: "none" },
      sk: { field: "sk", composite: [] },
    },
  },
});
