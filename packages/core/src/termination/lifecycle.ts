/**
 * The termination record's state machine, as data and one pure function, kept
 * in step with the contract's own (contract/lifecycle.ts). Every write that
 * changes a status asks these first, so no code path can reach a state the
 * tables do not allow.
 */
import type { ContractStatus, Resumable, Transition } from "../contract/lifecycle";

/**
 * The termination record's own states. A contract stays PENDING_TERMINATION
 * both while its termination is PENDING_APPROVAL and while it is SCHEDULED
 * (approved, waiting for its effective date); COMPLETED is when the contract
 * became TERMINATED. REJECTED and WITHDRAWN return the contract to where it was.
 */
export const TERMINATION_STATUSES = ["PENDING_APPROVAL", "SCHEDULED", "COMPLETED", "REJECTED", "WITHDRAWN"] as const;
export type TerminationStatus = (typeof TERMINATION_STATUSES)[number];
export const OPEN_TERMINATION_STATUSES = ["PENDING_APPROVAL", "SCHEDULED"] as const satisfies readonly TerminationStatus[];

export const TERMINATION_MOVES = ["approve", "reject", "withdraw", "complete"] as const;
export type TerminationMove = (typeof TERMINATION_MOVES)[number];

const TERMINATION_TABLE: Record<TerminationStatus, Partial<Record<TerminationMove, TerminationStatus>>> = {
  PENDING_APPROVAL: { approve: "SCHEDULED", reject: "REJECTED", withdraw: "WITHDRAWN" },
  SCHEDULED: { complete: "COMPLETED", withdraw: "WITHDRAWN" },
  COMPLETED: {},
  REJECTED: {},
  WITHDRAWN: {},
};

export const allowedTerminationMoves = (status: TerminationStatus): TerminationMove[] =>
  Object.keys(TERMINATION_TABLE[status]) as TerminationMove[];

export function terminationTransition(status: TerminationStatus, move: TerminationMove): Transition<TerminationStatus, TerminationMove> {
  const to = TERMINATION_TABLE[status][move];
  if (to === undefined) return { ok: false, from: status, move, allowed: allowedTerminationMoves(status) };
  return { ok: true, from: status, to };
}

/** The contract status that goes with a termination status (what the two tables keep in step). */
export function contractStatusFor(termination: TerminationStatus, previous: Resumable): ContractStatus {
  switch (termination) {
    case "PENDING_APPROVAL":
    case "SCHEDULED":
      return "PENDING_TERMINATION";
    case "COMPLETED":
      return "TERMINATED";
    case "REJECTED":
    case "WITHDRAWN":
      return previous;
  }
}
