import { entity } from "../db/entity";
import { TERMINATION_REASONS } from "../contract/entity";
import { TERMINATION_STATUSES } from "./lifecycle";

export const TerminationEntity = entity({
  model: { entity: "termination", version: "1", service: "testex" },
  attributes: {
    termination_id: { type: "string", required: true, readOnly: true },
    contract_id: { type: "string", required: true, readOnly: true },
    status: { type: TERMINATION_STATUSES, required: true },
    reason: { type: TERMINATION_REASONS, required: true, readOnly: true },
    notes: { type: "string", readOnly: true },
    effective_date: { type: "string", required: true, readOnly: true },
    approval_required: { type: "boolean", required: true, readOnly: true },
    /** Where the contract returns if this request is rejected or withdrawn. */
    previous_status: { type: ["ACTIVE", "SUSPENDED"] as const, required: true, readOnly: true },
    requested_by: { type: "string", required: true, readOnly: true },
    /** From the requester's token: where decisions and status updates go. */
    requested_by_email: { type: "string", readOnly: true },
    requested_at: { type: "string", required: true, readOnly: true },
    decided_by: { type: "string" },
    decided_at: { type: "string" },
    decision_comment: { type: "string" },
    withdrawn_at: { type: "string" },
    completed_at: { type: "string" },
    version: { type: "number", required: true },
    updated_at: { type: "string", required: true },
  },
  indexes: {
    byId: {
      pk: { field: "pk", composite: ["termination_id"] },
      sk: { field: "sk", composite: [] },
    },
    byContract: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: ["contract_id"] },
      sk: { field: "gsi1sk", composite: ["requested_at", "termination_id"] },
    },
    /** Open work by status and date: the approvers' queue and the scheduler's due list. */
    byStatus: {
      index: "gsi2",
      pk: { field: "gsi2pk", composite: ["status"] },
      sk: { field: "gsi2sk", composite: ["effective_date", "termination_id"] },
    },
    byEffectiveDate: {
      index: "gsi3",
      pk: { field: "gsi3pk", composite: [] },
      sk: { field: "gsi3sk", composite: ["effective_date", "termination_id"] },
    },
  },
});
