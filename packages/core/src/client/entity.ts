import { entity } from "../db/entity";

export const CLIENT_STATUSES = ["ACTIVE", "INACTIVE"] as const;

export const ClientEntity = entity({
  model: { entity: "client", version: "1", service: "testex" },
  attributes: {
    client_id: { type: "string", required: true, readOnly: true },
    name: { type: "string", required: true },
    /** Stored lower-cased: e-mail addresses are unique regardless of case. */
    email: { type: "string", required: true },
    phone: { type: "string" },
    address: { type: "string" },
    status: { type: CLIENT_STATUSES, required: true },
    /** Contracts that reference this client; a client with contracts cannot be deleted. */
    contract_count: { type: "number", required: true },
    version: { type: "number", required: true },
    created_at: { type: "string", required: true, readOnly: true },
    updated_at: { type: "string", required: true },
  },
  indexes: {
    byId: {
      pk: { field: "pk", composite: ["client_id"] },
      sk: { field: "sk", composite: [] },
    },
    byEmail: {
      index: "gsi2",
      pk: { field: "gsi2pk", composite: ["email"] },
      sk: { field: "gsi2sk", composite: [] },
    },
    all: {
      index: "gsi3",
      pk: { field: "gsi3pk", composite: [] },
      sk: { field: "gsi3sk", composite: ["created_at", "client_id"] },
    },
  },
});

/**
 * One item per e-mail address, written in the same transaction as the client:
 * DynamoDB has no unique constraint, a conditional put on this key is one.
 */
export const ClientEmailEntity = entity({
  model: { entity: "client_email", version: "1", service: "testex" },
  attributes: {
    email: { type: "string", required: true, readOnly: true },
    client_id: { type: "string", required: true },
  },
  indexes: {
    byEmail: {
      pk: { field: "pk", composite: ["email"] },
      sk: { field: "sk", composite: [] },
    },
  },
});
