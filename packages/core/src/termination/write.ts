/**
 * The one way a termination change is written: contract, termination, an
 * audit entry and an outbox event per step, in one transaction; and the
 * refusals when a state machine says no.
 */
import { currentActor } from "../context";
import * as Contract from "../contract";
import { ContractEntity } from "../contract/entity";
import { TerminationEntity } from "./entity";
import { DomainError } from "../error";
import { recordChange } from "../outbox/change";
import { build, Events, type TerminationEvent } from "./events";
import { contractMoveRefused, contractTransition, type ContractMove, type Resumable } from "../contract/lifecycle";
import { terminationTransition, type TerminationMove, type TerminationStatus } from "./lifecycle";
import type { Stored } from "./schemas";

export async function loadById(terminationId: string): Promise<Stored> {
  // Decisions compare the termination's version: read what was last written.
  const { data } = await TerminationEntity.get({ termination_id: terminationId }).go({ consistent: true });
  if (!data) throw new DomainError("termination.not_found", `Termination ${terminationId} does not exist.`, { termination_id: terminationId });
  return data;
}

export async function latestOf(contract: Contract.Stored): Promise<Stored> {
  if (!contract.termination_id) {
    throw new DomainError("termination.not_found", `Contract ${contract.contract_id} has no termination.`, { contract_id: contract.contract_id });
  }
  return loadById(contract.termination_id);
}

function invalidTerminationMove(termination: Stored, move: TerminationMove, allowed: TerminationMove[]): DomainError {
  return new DomainError(
    "termination.invalid_transition",
    `Termination ${termination.termination_id} is ${termination.status}; it cannot ${move}.`,
    { termination_id: termination.termination_id, termination_status: termination.status, move, allowed },
  );
}

export function mustTransition(contract: Contract.Stored, move: ContractMove, previous?: Resumable) {
  const result = contractTransition(contract.status, move, previous);
  if (!result.ok) throw contractMoveRefused(contract, move);
  return result.to;
}

export function mustMove(termination: Stored, move: TerminationMove): TerminationStatus {
  const result = terminationTransition(termination.status, move);
  if (!result.ok) throw invalidTerminationMove(termination, move, result.allowed);
  return result.to;
}

/** What a change asks of each state machine; used to say why it was refused after a lost race. */
export interface Moves {
  contract: ContractMove;
  termination?: TerminationMove;
}

/** After a cancelled transaction: what changed under us, said as the refusal the caller would get now. */
async function explain(contractId: string, moves: Moves, expectedVersion: number, termination?: { id: string; version: number }): Promise<DomainError> {
  const { data: contract } = await ContractEntity.get({ contract_id: contractId }).go({ consistent: true });
  if (!contract) return new DomainError("contract.not_found", `Contract ${contractId} does not exist.`, { contract_id: contractId });
  if (termination && moves.termination) {
    const now = await loadById(termination.id);
    const result = terminationTransition(now.status, moves.termination);
    if (!result.ok) return invalidTerminationMove(now, moves.termination, result.allowed);
  }
  if (!contractTransition(contract.status, moves.contract).ok) return contractMoveRefused(contract, moves.contract);
  return Contract.explainConflict(contractId, expectedVersion);
}

export type Step = ReturnType<typeof build>;

export interface Change {
  before: Contract.Stored;
  /** The contract after the change; omitted when its status does not change. */
  after?: Contract.Stored;
  /** The termination after the change, and the version it had (none: it is new). */
  termination: Stored;
  terminationVersion?: number;
  steps: Step[];
  moves: Moves;
}

export async function commit(change: Change, now: string): Promise<void> {
  const { before, after, termination, terminationVersion, steps } = change;
  const trail = before.contract_id;
  await recordChange({
    trail,
    entity: "termination",
    entity_id: termination.termination_id,
    before: { status: before.status, version: before.version },
    after: { status: (after ?? before).status, version: (after ?? before).version, termination },
    at: now,
    entities: { contract: ContractEntity, termination: TerminationEntity },
    writes: ({ contract, termination: terminations }) => [
      after
        ? contract
            .put(after)
            .where(({ version }, { eq }) => eq(version, before.version))
            .commit()
        : contract
            .check({ contract_id: before.contract_id })
            .where(({ version }, { eq }) => eq(version, before.version))
            .commit(),
      terminationVersion === undefined
        ? terminations.create(termination).commit()
        : terminations
            .put(termination)
            .where(({ version }, { eq }) => eq(version, terminationVersion))
            .commit(),
    ],
    events: steps,
    explain: () => explain(trail, change.moves, before.version, terminationVersion !== undefined ? { id: termination.termination_id, version: terminationVersion } : undefined),
  });
}

export const nextContract = (contract: Contract.Stored, changes: Partial<Contract.Stored>, now: string): Contract.Stored => ({
  ...contract,
  ...changes,
  version: contract.version + 1,
  updated_at: now,
});

/** A step reporting the termination as it now is. */
export const step = (event: TerminationEvent, contract: Contract.Stored, termination: Stored): Step => build(event, contract, termination, currentActor());

/**
 * The step that ends the contract now; its before-image travels with the
 * event, for the backup. `via` is the status it passes through when a request
 * ends it at once (ACTIVE -> PENDING_TERMINATION -> TERMINATED in one write).
 */
export function completion(before: Contract.Stored, termination: Stored, now: string, via: Contract.Stored = before) {
  const done: Stored = { ...termination, status: mustMove(termination, "complete"), completed_at: now };
  const after = nextContract(
    before,
    { status: mustTransition(via, "complete"), termination_id: termination.termination_id, termination_reason: termination.reason },
    now,
  );
  return { done, after, step: build(Events.Completed, after, done, currentActor(), before) };
}
