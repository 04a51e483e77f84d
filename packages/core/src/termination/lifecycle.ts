/**
 * The two state machines of a termination, as data and one pure function
 * each. Every write that changes a status asks these first, so no code path
 * can reach a state the tables do not allow.
 */
import type { CONTRACT_STATUSES } from "../contract/entity";
import { DomainError } from "../error";

export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

/** What can happen to a contract. `cancel` is a rejected or withdrawn request. */
export const CONTRACT_MOVES = ["suspend", "reinstate", "request", "complete", "cancel"] as const;
export type ContractMove = (typeof CONTRACT_MOVES)[number];

/** The statuses a contract returns to when its termination is cancelled. */
export type Resumable = "ACTIVE" | "SUSPENDED";

const CONTRACT_TABLE: Record<ContractStatus, Partial<Record<ContractMove, ContractStatus | "previous">>> = {
  ACTIVE: { suspend: "SUSPENDED", request: "PENDING_TERMINATION" },
  SUSPENDED: { reinstate: "ACTIVE", request: "PENDING_TERMINATION" },
  PENDING_TERMINATION: { complete: "TERMINATED", cancel: "previous" },
  TERMINATED: {},
  // Ended by its own term (the scheduler), not by a termination; renewing it is a contract operation.
  EXPIRED: {},
};

export type Transition<S, M> = { ok: true; from: S; to: S } | { ok: false; from: S; move: M; allowed: M[] };

export const allowedContractMoves = (status: ContractStatus): ContractMove[] => Object.keys(CONTRACT_TABLE[status]) as ContractMove[];

/** The refusal of a move the contract's status does not allow. */
export const contractMoveRefused = (contract: { contract_id: string; status: ContractStatus }, move: ContractMove) =>
  new DomainError("termination.invalid_transition", `Contract ${contract.contract_id} is ${contract.status}; it cannot ${move}.`, {
    contract_id: contract.contract_id,
    status: contract.status,
    move,
    allowed: allowedContractMoves(contract.status),
  });

/**
 * The contract's next status, or why not. `previous` is the status the
 * contract had before its termination was requested (needed by `cancel`).
 */
export function contractTransition(status: ContractStatus, move: ContractMove, previous: Resumable = "ACTIVE"): Transition<ContractStatus, ContractMove> {
  const to = CONTRACT_TABLE[status][move];
  if (to === undefined) return { ok: false, from: status, move, allowed: allowedContractMoves(status) };
  return { ok: true, from: status, to: to === "previous" ? previous : to };
}

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
