import { entity } from "../db/entity";
import { OPEN_TERMINATION_STATUSES, TERMINATION_STATUSES } from "./lifecycle";

export const TerminationEntity = entity({
  model: { entity: "termination", version: "1", service: "testex" },
  attributes: {
    termination_id: { type: "string", required: true, readOnly: true },
    contract_id: { type: "string", required: true, readOnly: true },
    status: { type: TERMINATION_STATUSES, required: true },
    /** A code of the stage's reasons catalogue (settings), checked when requested. */
    reason: { type: "string", required: true, readOnly: true },
    /** Internal: for the people deciding, never sent to the client. */
    notes: { type: "string", readOnly: true },
    /** What the client reads in the notice and the letter. */
    client_message: { type: "string", readOnly: true },
    effective_date: { type: "string", required: true, readOnly: true },
    approval_required: { type: "boolean", required: true, readOnly: true },
    /** 0, 1 or 2 distinct approvers (absent on requests made before two-approver terminations: 1 if approval_required). */
    approvals_required: { type: "number", readOnly: true },
    /** NOTICE_PERIOD, or SHORT_NOTICE when a reason allowed an earlier date. */
    notice_basis: { type: "string", readOnly: true },
    /** The contract's notice period when it was requested, for the letter. */
    notice_period_days: { type: "number", readOnly: true },
    /** Where the contract returns if this request is rejected or withdrawn. */
    previous_status: { type: ["ACTIVE", "SUSPENDED"] as const, required: true, readOnly: true },
    requested_by: { type: "string", required: true, readOnly: true },
    /** From the requester's token: where decisions and status updates go. */
    requested_by_email: { type: "string", readOnly: true },
    /** From the requester's token: how people and notices name them. */
    requested_by_name: { type: "string", readOnly: true },
    requested_at: { type: "string", required: true, readOnly: true },
    /** Every approval or rejection, in order. */
    decisions: {
      type: "list",
      items: {
        type: "map",
        properties: {
          by: { type: "string", required: true },
          email: { type: "string" },
          /** From the approver's token: how people and notices name them. */
          name: { type: "string" },
          at: { type: "string", required: true },
          outcome: { type: ["APPROVED", "REJECTED"] as const, required: true },
          comment: { type: "string" },
        },
      },
    },
    /** Single decision of requests decided before `decisions`; read as a one-item list. */
    decided_by: { type: "string" },
    decided_by_name: { type: "string" },
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
    /** Sparse: only open terminations, per requester, by effective date: what their calendar reads. */
    byRequester: {
      index: "gsi4",
      condition: (attr) => (OPEN_TERMINATION_STATUSES as readonly unknown[]).includes(attr.status),
      pk: { field: "gsi4pk", composite: ["requested_by"], casing: "none" },
      sk: { field: "gsi4sk", composite: ["effective_date", "termination_id"] },
    },
  },
});
