import type { EntityItem } from "electrodb";
import * as v from "valibot";
import * as Audit from "../audit";
import * as Client from "../client";
import { settings } from "../config";
import { currentActor } from "../context";
import * as Contract from "../contract";
import { TERMINATION_REASONS } from "../contract/entity";
import { withCursor, type Page } from "../db/cursor";
import { db } from "../db/service";
import { writeTransaction } from "../db/transaction";
import { DomainError, ValidationError } from "../error";
import { newId } from "../id";
import { log, describeError } from "../log";
import { metric } from "../metric";
import * as Outbox from "../outbox";
import { IsoDate, PageQuery, Text } from "../schema";
import { parse } from "../validation";
import { TerminationEntity } from "./entity";
import {
  allowedContractMoves,
  contractTransition,
  OPEN_TERMINATION_STATUSES,
  TERMINATION_STATUSES,
  terminationTransition,
  type ContractMove,
  type TerminationMove,
  type TerminationStatus,
} from "./lifecycle";

export { TerminationEntity, TERMINATION_STATUSES, OPEN_TERMINATION_STATUSES };

export const Termination = v.object({
  termination_id: v.string(),
  contract_id: v.string(),
  status: v.picklist(TERMINATION_STATUSES),
  reason: v.picklist(TERMINATION_REASONS),
  notes: v.optional(v.string()),
  effective_date: v.string(),
  approval_required: v.boolean(),
  previous_status: v.picklist(["ACTIVE", "SUSPENDED"]),
  requested_by: v.string(),
  requested_at: v.string(),
  decided_by: v.optional(v.string()),
  decided_at: v.optional(v.string()),
  decision_comment: v.optional(v.string()),
  withdrawn_at: v.optional(v.string()),
  completed_at: v.optional(v.string()),
  version: v.number(),
  updated_at: v.string(),
});
export type Termination = v.InferOutput<typeof Termination>;
export type Stored = EntityItem<typeof TerminationEntity>;

export const RequestInput = v.strictObject({
  reason: v.picklist(TERMINATION_REASONS),
  effective_date: v.optional(IsoDate),
  notes: v.optional(Text(2000)),
});
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

/** Reasons that may end a contract sooner than its notice period. */
const SHORT_NOTICE_REASONS: ReadonlySet<string> = new Set(["BREACH", "MUTUAL_AGREEMENT"]);

/** The event types this module writes to the outbox. */
export const EVENTS = {
  requested: "termination.requested",
  scheduled: "termination.scheduled",
  approved: "termination.approved",
  rejected: "termination.rejected",
  withdrawn: "termination.withdrawn",
  completed: "termination.completed",
  suspended: "contract.suspended",
  reinstated: "contract.reinstated",
} as const;
export type EventType = (typeof EVENTS)[keyof typeof EVENTS];

const present = ({ requested_by_email: _email, ...termination }: Stored): Termination => termination;

/** Today as YYYY-MM-DD in UTC: effective dates are calendar days, compared in one zone. */
export const today = (now = new Date()) => now.toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// ---------------------------------------------------------------- reading

async function loadById(terminationId: string): Promise<Stored> {
  // Decisions compare the termination's version: read what was last written.
  const { data } = await db.entities.termination.get({ termination_id: terminationId }).go({ consistent: true });
  if (!data) throw new DomainError("termination.not_found", `Termination ${terminationId} does not exist.`, { termination_id: terminationId });
  return data;
}

async function latestOf(contract: Contract.Stored): Promise<Stored> {
  if (!contract.termination_id) {
    throw new DomainError("termination.not_found", `Contract ${contract.contract_id} has no termination.`, { contract_id: contract.contract_id });
  }
  return loadById(contract.termination_id);
}

/** The contract's current or most recent termination. */
export async function current(contractId: string): Promise<Termination> {
  return present(await latestOf(await Contract.load(contractId)));
}

/** Terminations by status (default: the open ones) whose effective date is on or before `effective_before`. */
export async function list(raw: ListQuery): Promise<Page<Termination>> {
  const query = parse(ListQuery, raw);
  const before = query.effective_before && { effective_date: addDays(query.effective_before, 1) };
  const terminations = db.entities.termination.query;
  const status = query.status;
  const result = await withCursor(query.cursor, (cursor) =>
    status
      ? (before ? terminations.byStatus({ status }).lt(before) : terminations.byStatus({ status })).go({ limit: query.limit, cursor })
      : (before ? terminations.byEffectiveDate({}).lt(before) : terminations.byEffectiveDate({}))
          .where(({ status }, { eq }) => OPEN_TERMINATION_STATUSES.map((open: TerminationStatus) => eq(status, open)).join(" OR "))
          // Filtered: `count` reads on until the page is full, so a page is never short while more match.
          .go({ count: query.limit, cursor }),
  );
  return { items: result.data.map(present), next_cursor: result.cursor };
}

// ---------------------------------------------------------------- errors

function invalidContractMove(contract: Contract.Stored, move: ContractMove): DomainError {
  return new DomainError(
    "termination.invalid_transition",
    `Contract ${contract.contract_id} is ${contract.status}; it cannot ${move}.`,
    { contract_id: contract.contract_id, status: contract.status, move, allowed: allowedContractMoves(contract.status) },
  );
}

function invalidTerminationMove(termination: Stored, move: TerminationMove, allowed: TerminationMove[]): DomainError {
  return new DomainError(
    "termination.invalid_transition",
    `Termination ${termination.termination_id} is ${termination.status}; it cannot ${move}.`,
    { termination_id: termination.termination_id, termination_status: termination.status, move, allowed },
  );
}

function mustTransition(contract: Contract.Stored, move: ContractMove, previous?: "ACTIVE" | "SUSPENDED") {
  const result = contractTransition(contract.status, move, previous);
  if (!result.ok) throw invalidContractMove(contract, move);
  return result.to;
}

function mustMove(termination: Stored, move: TerminationMove): TerminationStatus {
  const result = terminationTransition(termination.status, move);
  if (!result.ok) throw invalidTerminationMove(termination, move, result.allowed);
  return result.to;
}

/** What a change asks of each state machine; used to say why it was refused after a lost race. */
interface Moves {
  contract: ContractMove;
  termination?: TerminationMove;
}

/** After a cancelled transaction: what changed under us, said as the refusal the caller would get now. */
async function explain(contractId: string, moves: Moves, expectedVersion: number, termination?: { id: string; version: number }): Promise<DomainError> {
  const { data: contract } = await db.entities.contract.get({ contract_id: contractId }).go({ consistent: true });
  if (!contract) return new DomainError("contract.not_found", `Contract ${contractId} does not exist.`, { contract_id: contractId });
  if (termination && moves.termination) {
    const now = await loadById(termination.id);
    const result = terminationTransition(now.status, moves.termination);
    if (!result.ok) return invalidTerminationMove(now, moves.termination, result.allowed);
  }
  if (!contractTransition(contract.status, moves.contract).ok) return invalidContractMove(contract, moves.contract);
  return Contract.explainConflict(contractId, expectedVersion);
}

// ---------------------------------------------------------------- writing

interface Step {
  type: EventType;
  payload: Record<string, unknown>;
}

interface Change {
  before: Contract.Stored;
  /** The contract after the change; omitted when its status does not change. */
  after?: Contract.Stored;
  /** The termination after the change, and the version it had (none: it is new). */
  termination?: Stored;
  terminationVersion?: number;
  steps: Step[];
  moves: Moves;
}

/**
 * The one way a lifecycle change is written: contract (conditioned on its
 * version), termination (conditioned on its version), an audit entry and an
 * outbox event per step, all in one transaction.
 */
async function commit(change: Change, now: string): Promise<void> {
  const { before, after, termination, terminationVersion, steps } = change;
  const trail = before.contract_id;
  // Steps of one change share its moment; a millisecond apart, trails and outbox list them in order.
  const at = (step: number) => new Date(Date.parse(now) + step).toISOString();
  await writeTransaction(
    ({ contract, termination: terminations, audit, outbox }) => [
      after
        ? contract
            .put(after)
            .where(({ version }, { eq }) => eq(version, before.version))
            .commit()
        : contract
            .check({ contract_id: before.contract_id })
            .where(({ version }, { eq }) => eq(version, before.version))
            .commit(),
      ...(termination
        ? [
            terminationVersion === undefined
              ? terminations.create(termination).commit()
              : terminations
                  .put(termination)
                  .where(({ version }, { eq }) => eq(version, terminationVersion))
                  .commit(),
          ]
        : []),
      ...steps.map((step, i) =>
        audit
          .put(
            Audit.record(
              {
                trail,
                entity: termination ? "termination" : "contract",
                entity_id: termination?.termination_id ?? trail,
                action: step.type,
                before: { status: before.status, version: before.version },
                after: { status: (after ?? before).status, version: (after ?? before).version, termination },
              },
              at(i),
            ),
          )
          .commit(),
      ),
      ...steps.map((step, i) => outbox.create(Outbox.event(step.type, trail, step.payload, at(i))).commit()),
    ],
    () =>
      explain(trail, change.moves, before.version, termination && terminationVersion !== undefined ? { id: termination.termination_id, version: terminationVersion } : undefined),
  );
}

const nextContract = (contract: Contract.Stored, changes: Partial<Contract.Stored>, now: string): Contract.Stored => ({
  ...contract,
  ...changes,
  version: contract.version + 1,
  updated_at: now,
});

/** What every notice about this contract needs, fixed at the moment of the change. */
/** The client's name and address as the notices will use them; read once per operation. */
async function clientOf(contract: Contract.Stored) {
  // A client erased meanwhile gets no notice; any other failure must fail the change, not drop the notice.
  // Consistent: a notice must go to the address the client has now, not one just replaced.
  return Client.get(contract.client_id, { consistent: true }).catch((error: unknown) => {
    if (error instanceof DomainError && error.code === "client.not_found") return null;
    throw error;
  });
}
type ClientFacts = Awaited<ReturnType<typeof clientOf>>;

async function facts(contract: Contract.Stored, termination: Stored, client?: ClientFacts) {
  client = client === undefined ? await clientOf(contract) : client;
  return {
    contract: { contract_id: contract.contract_id, title: contract.title, status: contract.status, value: contract.value, currency: contract.currency },
    client: client && { name: client.name, email: client.email },
    termination: present(termination),
    requester: { id: termination.requested_by, email: termination.requested_by_email },
    actor: { id: currentActor().id, email: currentActor().email },
  };
}

/**
 * The step that ends the contract now; its before-image travels with the
 * event, for the backup. `via` is the status it passes through when a request
 * ends it at once (ACTIVE -> PENDING_TERMINATION -> TERMINATED in one write).
 */
async function completion(before: Contract.Stored, termination: Stored, now: string, via: Contract.Stored = before, client?: ClientFacts) {
  const done: Stored = { ...termination, status: mustMove(termination, "complete"), completed_at: now };
  const after = nextContract(
    before,
    { status: mustTransition(via, "complete"), termination_id: termination.termination_id, termination_reason: termination.reason },
    now,
  );
  return { done, after, step: { type: EVENTS.completed, payload: { ...(await facts(after, done, client)), contract_before: before, contract_after: after } } };
}

/** Asks to end a contract. Below the approval threshold it is approved at once; due today, it ends at once. */
export async function request(contractId: string, raw: RequestInput): Promise<Termination> {
  const input = parse(RequestInput, raw);
  const contract = await Contract.load(contractId);
  mustTransition(contract, "request");
  const previous = contract.status as "ACTIVE" | "SUSPENDED";
  const day = today();
  const earliest = addDays(day, contract.notice_period_days);
  const effective = input.effective_date ?? earliest;
  if (effective < day) throw new ValidationError([{ path: "effective_date", message: "The effective date must not be in the past" }]);
  if (effective < earliest && !SHORT_NOTICE_REASONS.has(input.reason)) {
    throw new ValidationError([
      { path: "effective_date", message: `The notice period ends on ${earliest}; only BREACH or MUTUAL_AGREEMENT may end the contract sooner` },
    ]);
  }
  const actor = currentActor();
  const now = new Date().toISOString();
  const approvalRequired = contract.value >= settings().approvalThreshold;
  const requested: Stored = {
    termination_id: newId("TM"),
    contract_id: contract.contract_id,
    status: approvalRequired ? "PENDING_APPROVAL" : "SCHEDULED",
    reason: input.reason,
    ...(input.notes ? { notes: input.notes } : {}),
    effective_date: effective,
    approval_required: approvalRequired,
    previous_status: previous,
    requested_by: actor.id,
    ...(actor.email ? { requested_by_email: actor.email } : {}),
    requested_at: now,
    version: 1,
    updated_at: now,
  };
  const pending = nextContract(
    contract,
    { status: mustTransition(contract, "request"), termination_id: requested.termination_id, termination_reason: input.reason },
    now,
  );

  if (!approvalRequired && effective <= day) {
    const { done, after, step } = await completion(contract, requested, now, pending);
    await commit({ before: contract, after, termination: done, steps: [step], moves: { contract: "request" } }, now);
    metric("TerminationRequested");
    metric("TerminationCompleted");
    return present(done);
  }
  const type = approvalRequired ? EVENTS.requested : EVENTS.scheduled;
  await commit({ before: contract, after: pending, termination: requested, steps: [{ type, payload: await facts(pending, requested) }], moves: { contract: "request" } }, now);
  metric("TerminationRequested");
  return present(requested);
}

/** Four eyes: whoever decides is not whoever asked. */
function assertNotRequester(termination: Stored) {
  if (termination.requested_by === currentActor().id) {
    throw new DomainError("termination.four_eyes", "The person who requested a termination cannot also decide it; another approver must.", {
      requested_by: termination.requested_by,
    });
  }
}

export async function approve(contractId: string, raw: ApproveInput = {}): Promise<Termination> {
  const input = parse(ApproveInput, raw);
  const contract = await Contract.load(contractId);
  const termination = await latestOf(contract);
  const to = mustMove(termination, "approve");
  assertNotRequester(termination);
  const now = new Date().toISOString();
  const approved: Stored = {
    ...termination,
    status: to,
    decided_by: currentActor().id,
    decided_at: now,
    ...(input.comment ? { decision_comment: input.comment } : {}),
    version: termination.version + 1,
    updated_at: now,
  };
  const client = await clientOf(contract);
  const decision = { type: EVENTS.approved, payload: await facts(contract, approved, client) };
  if (approved.effective_date <= today()) {
    const { done, after, step } = await completion(contract, approved, now, contract, client);
    await commit({ before: contract, after, termination: done, terminationVersion: termination.version, steps: [decision, step], moves: { contract: "complete", termination: "approve" } }, now);
    metric("TerminationApproved");
    metric("TerminationCompleted");
    return present(done);
  }
  await commit({ before: contract, termination: approved, terminationVersion: termination.version, steps: [decision], moves: { contract: "complete", termination: "approve" } }, now);
  metric("TerminationApproved");
  return present(approved);
}

/** Ends a pending request (rejected or withdrawn): the contract returns to where it was. */
async function cancel(contractId: string, move: "reject" | "withdraw", comment?: string): Promise<Termination> {
  const contract = await Contract.load(contractId);
  const termination = await latestOf(contract);
  const to = mustMove(termination, move);
  const actor = currentActor();
  if (move === "reject") assertNotRequester(termination);
  if (move === "withdraw" && termination.requested_by !== actor.id) {
    throw new DomainError("termination.not_requester", "Only the person who requested a termination can withdraw it.", {
      requested_by: termination.requested_by,
    });
  }
  const now = new Date().toISOString();
  const ended: Stored = {
    ...termination,
    status: to,
    ...(move === "reject" ? { decided_by: actor.id, decided_at: now, decision_comment: comment } : { withdrawn_at: now }),
    version: termination.version + 1,
    updated_at: now,
  };
  const { termination_reason: _reason, ...rest } = contract;
  const after = nextContract(rest, { status: mustTransition(contract, "cancel", termination.previous_status) }, now);
  const type = move === "reject" ? EVENTS.rejected : EVENTS.withdrawn;
  await commit({ before: contract, after, termination: ended, terminationVersion: termination.version, steps: [{ type, payload: await facts(after, ended) }], moves: { contract: "cancel", termination: move } }, now);
  if (move === "reject") metric("TerminationRejected");
  return present(ended);
}

export async function reject(contractId: string, raw: RejectInput): Promise<Termination> {
  return cancel(contractId, "reject", parse(RejectInput, raw).comment);
}

export const withdraw = (contractId: string): Promise<Termination> => cancel(contractId, "withdraw");

/** Suspends or reinstates a contract (no termination involved). */
async function pause(contractId: string, move: "suspend" | "reinstate"): Promise<Contract.Contract> {
  const contract = await Contract.load(contractId);
  const now = new Date().toISOString();
  const after = nextContract(contract, { status: mustTransition(contract, move) }, now);
  const actor = currentActor();
  const type = move === "suspend" ? EVENTS.suspended : EVENTS.reinstated;
  const payload = {
    contract: { contract_id: after.contract_id, title: after.title, status: after.status },
    actor: { id: actor.id, email: actor.email },
  };
  await commit({ before: contract, after, steps: [{ type, payload }], moves: { contract: move } }, now);
  return after;
}

export const suspend = (contractId: string) => pause(contractId, "suspend");
export const reinstate = (contractId: string) => pause(contractId, "reinstate");

/** Ends one scheduled termination whose day has come. */
async function completeScheduled(scheduled: Stored): Promise<void> {
  const contract = await Contract.load(scheduled.contract_id);
  const now = new Date().toISOString();
  const { done, after, step } = await completion(contract, { ...scheduled, version: scheduled.version + 1, updated_at: now }, now);
  await commit({ before: contract, after, termination: done, terminationVersion: scheduled.version, steps: [step], moves: { contract: "complete", termination: "complete" } }, now);
  metric("TerminationCompleted");
}

/**
 * The scheduler's job: complete every SCHEDULED termination effective on or
 * before `day`. One that changed meanwhile (withdrawn) is skipped; one that
 * fails for another reason does not stop the others, and fails the run at the end.
 * Runs in the caller's context (the scheduler's system actor).
 */
export async function completeDue(day = today()): Promise<{ completed: number; skipped: number }> {
  let completed = 0;
  let skipped = 0;
  const failures: unknown[] = [];
  let cursor: string | null = null;
  do {
    const page: { data: Stored[]; cursor: string | null } = await db.entities.termination.query
      .byStatus({ status: "SCHEDULED" })
      .lt({ effective_date: addDays(day, 1) })
      .go({ cursor, limit: 50 });
    for (const scheduled of page.data) {
      try {
        await completeScheduled(scheduled);
        completed++;
      } catch (error) {
        skipped++;
        if (error instanceof DomainError) {
          log.warn("scheduled termination not completed", { termination_id: scheduled.termination_id, code: error.code });
        } else {
          failures.push(error);
          log.error("scheduled termination failed", { termination_id: scheduled.termination_id, ...describeError(error) });
        }
      }
    }
    cursor = page.cursor;
  } while (cursor);
  if (failures.length) throw new AggregateError(failures, `${failures.length} scheduled termination(s) failed; they are retried on the next run`);
  return { completed, skipped };
}
