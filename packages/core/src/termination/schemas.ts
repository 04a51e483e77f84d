/** What goes in and out of the termination operations: the one definition the API and its document reuse. */
import type { EntityItem } from "electrodb";
import * as v from "valibot";
import { IsoDate, PageQuery, Text } from "../schema";
import { TerminationEntity } from "./entity";
import { TERMINATION_STATUSES } from "./lifecycle";
import { labelOf, type Decision as DecisionRecord } from "./policy";

export type Stored = EntityItem<typeof TerminationEntity>;

export const Decision = v.object({
  /** The approver's stable subject id at the issuer: what four-eyes compares. */
  by: v.string(),
  /** The approver's name, from their token when they decided. */
  name: v.optional(v.string()),
  at: v.string(),
  outcome: v.picklist(["APPROVED", "REJECTED"]),
  comment: v.optional(v.string()),
});

export const Termination = v.object({
  termination_id: v.string(),
  contract_id: v.string(),
  status: v.picklist(TERMINATION_STATUSES),
  reason: v.string(),
  /** The reason as the client reads it. */
  reason_label: v.string(),
  notes: v.optional(v.pipe(v.string(), v.description("Internal; never sent to the client"))),
  client_message: v.optional(v.pipe(v.string(), v.description("What the client reads in the notice and the letter"))),
  effective_date: v.string(),
  notice_basis: v.optional(v.picklist(["NOTICE_PERIOD", "SHORT_NOTICE"])),
  approval_required: v.boolean(),
  approvals_required: v.pipe(v.number(), v.description("Distinct approvers needed, none of them the requester: 0, 1 or 2")),
  decisions: v.pipe(v.array(Decision), v.description("Every approval or rejection, oldest first")),
  previous_status: v.picklist(["ACTIVE", "SUSPENDED"]),
  /** The requester's stable subject id at the issuer: what four-eyes compares. */
  requested_by: v.string(),
  /** The requester's name, from their token when they asked. */
  requested_by_name: v.optional(v.string()),
  requested_at: v.string(),
  withdrawn_at: v.optional(v.string()),
  completed_at: v.optional(v.string()),
  version: v.number(),
  updated_at: v.string(),
});
export type Termination = v.InferOutput<typeof Termination>;

/** The decisions of a termination; one decided before the list existed reads as a list of one. */
export function decisionsOf(stored: Stored): DecisionRecord[] {
  if (stored.decisions) return stored.decisions as DecisionRecord[];
  if (!stored.decided_by || !stored.decided_at) return [];
  return [
    {
      by: stored.decided_by,
      at: stored.decided_at,
      outcome: stored.status === "REJECTED" ? "REJECTED" : "APPROVED",
      ...(stored.decision_comment ? { comment: stored.decision_comment } : {}),
    },
  ];
}

/** The termination as callers see it. */
export function present(stored: Stored): Termination {
  const {
    requested_by_email: _email,
    decided_by: _by,
    decided_at: _at,
    decision_comment: _comment,
    decisions: _decisions,
    notice_period_days: _days,
    approvals_required,
    ...rest
  } = stored;
  return {
    ...rest,
    reason_label: labelOf(stored.reason),
    approvals_required: approvals_required ?? (stored.approval_required ? 1 : 0),
    decisions: decisionsOf(stored).map(({ email: _e, ...decision }) => decision),
  } as Termination;
}

const ReasonCode = v.pipe(
  v.string(),
  v.regex(/^[A-Z][A-Z0-9_]{0,39}$/, "Expected a reason code such as BREACH"),
  v.description("A code of the stage's reasons catalogue (GET /api/termination-reasons); by default MUTUAL_AGREEMENT, BREACH, CONVENIENCE, NON_RENEWAL, INSOLVENCY or OTHER. Reasons whose catalogue entry requires a comment need `notes`; only reasons that allow short notice may take effect before the notice period ends; a reason with `end_of_term` (NON_RENEWAL) takes effect on the contract's `end_date` only (else 422 naming `effective_date`)."),
);

export const RequestInput = v.pipe(
  v.strictObject({
    reason: ReasonCode,
    effective_date: v.optional(v.pipe(IsoDate, v.description("Default: today plus the contract's notice period (the term's last day for an `end_of_term` reason); never in the past"))),
    notes: v.optional(v.pipe(Text(2000), v.description("Internal notes for the people deciding; never sent to the client"))),
    client_message: v.optional(v.pipe(Text(2000), v.description("A message to the client, printed in the notice and the letter"))),
  }),
  v.description(
    "`effective_date` must not be in the past, and only a reason of the stage's catalogue that allows short notice (`GET /api/termination-reasons`) may end the contract before its notice period ends (else 422 naming `effective_date`). A reason whose `comment_required` is true needs `notes` (else 422).",
  ),
);
export type RequestInput = v.InferInput<typeof RequestInput>;

export const ApproveInput = v.strictObject({ comment: v.optional(Text(2000)) });
export type ApproveInput = v.InferInput<typeof ApproveInput>;
/** A rejection says why: the requester reads it. */
export const RejectInput = v.strictObject({ comment: Text(2000) });
export type RejectInput = v.InferInput<typeof RejectInput>;

export const ListQuery = v.strictObject({
  ...PageQuery.entries,
  status: v.optional(v.picklist(TERMINATION_STATUSES)),
  effective_before: v.optional(IsoDate),
});
export type ListQuery = v.InferInput<typeof ListQuery>;

/** The longest period one report covers: it is counted from one Query. */
export const MAX_REPORT_DAYS = 366;

export const ReportQuery = v.pipe(
  v.strictObject({
    from: v.pipe(IsoDate, v.description("First effective date counted")),
    to: v.pipe(IsoDate, v.description(`Last effective date counted; at most ${MAX_REPORT_DAYS} days after \`from\``)),
  }),
  v.forward(
    v.check(({ from, to }) => from <= to, "to must not be before from"),
    ["to"],
  ),
  v.forward(
    v.check(({ from, to }) => Date.parse(to) - Date.parse(from) < MAX_REPORT_DAYS * 86_400_000, `A report covers at most ${MAX_REPORT_DAYS} days`),
    ["to"],
  ),
);
export type ReportQuery = v.InferInput<typeof ReportQuery>;

const Count = v.object({ count: v.number() });
export const Report = v.object({
  from: v.string(),
  to: v.string(),
  total: v.number(),
  by_reason: v.array(v.object({ reason: v.string(), label: v.string(), ...Count.entries })),
  by_status: v.array(v.object({ status: v.picklist(TERMINATION_STATUSES), ...Count.entries })),
  by_month: v.array(v.object({ month: v.pipe(v.string(), v.description("YYYY-MM of the effective date")), ...Count.entries })),
});
export type Report = v.InferOutput<typeof Report>;

export const Reason = v.object({
  code: v.string(),
  label: v.string(),
  short_notice: v.pipe(v.boolean(), v.description("May end a contract before its notice period ends")),
  comment_required: v.pipe(v.boolean(), v.description("The request must carry `notes`")),
  end_of_term: v.pipe(v.boolean(), v.description("Ends the contract on its term's last day (`end_date`) and no other; open-ended (EVERGREEN) contracts cannot use it")),
});
export type Reason = v.InferOutput<typeof Reason>;
