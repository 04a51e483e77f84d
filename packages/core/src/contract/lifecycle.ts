/**
 * The contract's state machine, as data and one pure function. Every write
 * that changes a contract's status asks it first (a suspension, a
 * termination), so no code path can reach a state the table does not allow.
 */
import { DomainError } from "../error";
import type { CONTRACT_STATUSES } from "./entity";

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

