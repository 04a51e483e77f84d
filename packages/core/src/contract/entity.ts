import { entity } from "../db/entity";

export const CONTRACT_STATUSES = ["ACTIVE", "SUSPENDED", "PENDING_TERMINATION", "TERMINATED"] as const;
export const CONTRACT_TYPES = [
  "SERVICE",
  "SUPPLY",
  "LICENSE",
  "LEASE",
  "MAINTENANCE",
  "CONSULTING",
  "EMPLOYMENT",
  "OTHER",
] as const;
export const TERMINATION_REASONS = [
  "MUTUAL_AGREEMENT",
  "BREACH",
  "CONVENIENCE",
  "NON_RENEWAL",
  "INSOLVENCY",
  "OTHER",
] as const;

export const ContractEntity = entity({
  model: { entity: "contract", version: "1", service: "testex" },
  attributes: {
    contract_id: { type: "string", required: true, readOnly: true },
    client_id: { type: "string", required: true, readOnly: true },
    title: { type: "string", required: true },
    contract_type: { type: CONTRACT_TYPES, required: true },
    status: { type: CONTRACT_STATUSES, required: true },
    start_date: { type: "string", required: true },
    end_date: { type: "string", required: true },
    value: { type: "number", required: true },
    currency: { type: "string", required: true },
    notice_period_days: { type: "number", required: true },
    termination_reason: { type: TERMINATION_REASONS },
    /** The termination in progress or completed; once set, the contract is never erased. */
    termination_id: { type: "string" },
    version: { type: "number", required: true },
    created_at: { type: "string", required: true, readOnly: true },
    updated_at: { type: "string", required: true },
  },
  indexes: {
    byId: {
      pk: { field: "pk", composite: ["contract_id"] },
      sk: { field: "sk", composite: [] },
    },
    byClient: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: ["client_id"] },
      sk: { field: "gsi1sk", composite: ["end_date", "contract_id"] },
    },
    byStatus: {
      index: "gsi2",
      pk: { field: "gsi2pk", composite: ["status"] },
      sk: { field: "gsi2sk", composite: ["end_date", "contract_id"] },
    },
    byEndDate: {
      index: "gsi3",
      pk: { field: "gsi3pk", composite: [] },
      sk: { field: "gsi3sk", composite: ["end_date", "contract_id"] },
    },
  },
});

/** A deleted contract's last state, kept so a delete can always be undone. */
export const DeletedContractEntity = entity({
  model: { entity: "deleted_contract", version: "1", service: "testex" },
  attributes: {
    contract_id: { type: "string", required: true, readOnly: true },
    contract: { type: "any", required: true },
    deleted_at: { type: "string", required: true },
    deleted_by: { type: "string", required: true },
  },
  indexes: {
    byId: {
      pk: { field: "pk", composite: ["contract_id"] },
      sk: { field: "sk", composite: ["deleted_at"] },
    },
  },
});
