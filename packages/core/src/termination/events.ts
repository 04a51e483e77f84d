/**
 * The outbox events the termination commands write, one definition each with
 * the versions of their shared payload. The writer builds every payload
 * through it, and the processor's effects read with it: nothing reads a
 * payload with a cast.
 *
 * Version 2 carries no client: the effects read the client as it was when the
 * event was written (`Client.asOf`), so a request costs one read. Version 1
 * events (no `version`, written before) carried the client; they are read side
 * by side until the outbox has none left.
 */
import * as v from "valibot";
import type * as Contract from "../contract";
import { defineEvent } from "../event";
import { labelOf } from "./policy";
import { decisionsOf, present, Termination, type Stored } from "./schemas";

const Person = v.object({ id: v.string(), email: v.optional(v.string()), name: v.optional(v.string()) });

const ContractFacts = v.object({
  contract_id: v.string(),
  client_id: v.string(),
  title: v.string(),
  status: v.string(),
  value: v.number(),
  currency: v.string(),
  notice_period_days: v.number(),
});

/** The contract's last state before it ended, whole, for the backup. */
const ContractImage = v.looseObject({ contract_id: v.string(), version: v.number() });

export const TerminationEventV2 = v.object({
  version: v.literal(2),
  contract: ContractFacts,
  termination: Termination,
  requester: Person,
  /** Who decided so far, with their addresses (the API shows ids only). */
  approvers: v.array(Person),
  actor: Person,
  /** termination.completed only. */
  contract_before: v.optional(ContractImage),
});
export type TerminationEventV2 = v.InferOutput<typeof TerminationEventV2>;

/** Written before version 2: loose, since its fields grew over time; upgraded on read. */
const TerminationEventV1 = v.object({
  version: v.optional(v.literal(1)),
  contract: v.object({ contract_id: v.string(), title: v.string(), value: v.optional(v.number()), currency: v.optional(v.string()), status: v.optional(v.string()) }),
  client: v.optional(v.nullable(v.object({ name: v.string(), email: v.string() }))),
  termination: v.looseObject({
    termination_id: v.string(),
    status: v.string(),
    reason: v.string(),
    effective_date: v.string(),
    notes: v.optional(v.string()),
    decided_by: v.optional(v.string()),
    decision_comment: v.optional(v.string()),
  }),
  requester: v.optional(Person),
  actor: Person,
  contract_before: v.optional(ContractImage),
});

/** What the effects read, whichever version was written. */
export interface TerminationFacts {
  contract: { contract_id: string; client_id?: string; title: string; status: string; value?: number; currency?: string; notice_period_days?: number };
  /** `status` is a string: version 1 wrote statuses of its own time. */
  termination: Pick<Termination, "termination_id" | "reason" | "reason_label" | "effective_date" | "decisions"> & { status: string } &
    Partial<Pick<Termination, "client_message" | "notice_basis" | "requested_by" | "requested_at" | "approvals_required">>;
  requester?: v.InferOutput<typeof Person>;
  approvers: v.InferOutput<typeof Person>[];
  actor: v.InferOutput<typeof Person>;
  /** Version 1 fixed the client in the event; version 2 leaves it to `Client.asOf`. */
  client?: { name: string; email: string } | null;
  contract_before?: v.InferOutput<typeof ContractImage>;
}

/** Reads a version-1 payload as the effects read every termination event. */
function fromV1(old: v.InferOutput<typeof TerminationEventV1>): TerminationFacts {
  const decided = old.termination.decided_by;
  return {
    contract: { ...old.contract, status: old.contract.status ?? "" },
    client: old.client ?? null,
    termination: {
      termination_id: old.termination.termination_id,
      status: old.termination.status,
      reason: old.termination.reason,
      reason_label: labelOf(old.termination.reason),
      effective_date: old.termination.effective_date,
      decisions: decided
        ? [{ by: decided, at: "", outcome: old.termination.status === "REJECTED" ? "REJECTED" : "APPROVED", ...(old.termination.decision_comment ? { comment: old.termination.decision_comment } : {}) }]
        : [],
    },
    requester: old.requester,
    approvers: decided ? [{ id: decided }] : [],
    actor: old.actor,
    contract_before: old.contract_before,
  };
}

const terminationEvent = <const T extends string>(type: T) => defineEvent(type, { versions: [TerminationEventV1, TerminationEventV2], upgrade: fromV1 });

// Each definition is marked pure, so a bundle that reads none of these events (the delivery recorder)
// leaves them, and what their readers need (the stage's settings), out.
export const Events = {
  Requested: /* @__PURE__ */ terminationEvent("termination.requested"),
  Scheduled: /* @__PURE__ */ terminationEvent("termination.scheduled"),
  /** One of two required approvals; the request still waits for the other. */
  ApprovalRecorded: /* @__PURE__ */ terminationEvent("termination.approval_recorded"),
  Approved: /* @__PURE__ */ terminationEvent("termination.approved"),
  Rejected: /* @__PURE__ */ terminationEvent("termination.rejected"),
  Withdrawn: /* @__PURE__ */ terminationEvent("termination.withdrawn"),
  Completed: /* @__PURE__ */ terminationEvent("termination.completed"),
};
export type TerminationEvent = (typeof Events)[keyof typeof Events];
export type EventType = TerminationEvent["type"];

/** The event's type and payload, built (as the current version) through its schema. */
export function build(event: TerminationEvent, contract: Contract.Stored, termination: Stored, actor: { id: string; email?: string; name?: string }, contractBefore?: Contract.Stored) {
  const approvers = decisionsOf(termination)
    .filter((decision) => decision.outcome === "APPROVED")
    .map((decision) => ({ id: decision.by, ...(decision.email ? { email: decision.email } : {}), ...(decision.name ? { name: decision.name } : {}) }));
  return event.build({
    contract: {
      contract_id: contract.contract_id,
      client_id: contract.client_id,
      title: contract.title,
      status: contract.status,
      value: contract.value,
      currency: contract.currency,
      notice_period_days: contract.notice_period_days,
    },
    termination: present(termination),
    requester: {
      id: termination.requested_by,
      ...(termination.requested_by_email ? { email: termination.requested_by_email } : {}),
      ...(termination.requested_by_name ? { name: termination.requested_by_name } : {}),
    },
    approvers,
    actor: { id: actor.id, ...(actor.email ? { email: actor.email } : {}), ...(actor.name ? { name: actor.name } : {}) },
    ...(contractBefore ? { contract_before: contractBefore } : {}),
  });
}
