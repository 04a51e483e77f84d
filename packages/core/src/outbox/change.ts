/**
 * The one way a change is written: the change itself, its audit entry and the
 * events it announces, in one transaction. Either all of it is recorded or
 * none: no change without its audit entry, no event about a change that did
 * not happen.
 */
import * as Audit from "../audit";
import { AuditEntity } from "../audit/entity";
import { writeTransaction, type CancelledItem, type Commit, type Entities, type Tx } from "../db/transaction";
import type { DomainError } from "../error";
import { OutboxEntity } from "./entity";
import { event } from "./item";

/** What a change says of itself: the audit entry it joins a trail with and the events it announces. */
export interface Recorded {
  /** The aggregate whose trail the entry joins (a contract's or a client's id); an event's contract. */
  trail: string;
  entity: string;
  entity_id: string;
  /** The audit entry's action; without one, each event gets its own entry, named by its type. */
  action?: string;
  /** What the audit entry shows of the record before and after. */
  before?: unknown;
  after?: unknown;
  /** Other records `writes` creates, each with its own audit entry (a dead notice's alert to the operators). */
  alsoAudited?: Audit.Change[];
  /** Built through their definitions; each becomes one outbox item. */
  events?: { type: string; payload: object }[];
  /** When it happened; entries and events of one change are a millisecond apart, so trails and the outbox list them in order. */
  at?: string;
}

/** How a transaction's own writes are given: the entities they name, and the writes, each conditioned on what it was read as. */
interface Writes<E extends Entities> {
  /** The entities the writes name (the module's own, and those of modules below it). */
  entities: E;
  writes: (tx: Tx<E>) => Commit[];
  /** Says why a condition failed, as the refusal the caller would get now (see `writeTransaction`). */
  explain: (reasons: CancelledItem[]) => Promise<DomainError> | DomainError;
}

export type Change<E extends Entities> = Recorded & Writes<E>;

export async function recordChange<E extends Entities>(change: Change<E>): Promise<void> {
  await recordChanges({ ...change, changes: [change] });
}

/**
 * Several changes in one transaction, all recorded or none, each with its own
 * audit entries and events (contracts created together). `writes` are the
 * changes' records, written first, so `explain` reads their reasons by position.
 */
export async function recordChanges<E extends Entities>(batch: Writes<E> & { changes: Recorded[] }): Promise<void> {
  await writeTransaction(
    { ...batch.entities, audit: AuditEntity, outbox: OutboxEntity },
    (tx) => [...batch.writes(tx), ...batch.changes.flatMap((change) => entriesOf(change, tx))],
    batch.explain,
  );
}

/** A change's audit entries and outbox events. */
function entriesOf(change: Recorded, tx: Tx<{ audit: typeof AuditEntity; outbox: typeof OutboxEntity }>): Commit[] {
  const { trail, entity, entity_id, before, after } = change;
  const now = change.at ?? new Date().toISOString();
  const at = (step: number) => new Date(Date.parse(now) + step).toISOString();
  const events = change.events ?? [];
  const actions = change.action ? [change.action] : events.map((e) => e.type);
  return [
    ...actions.map((action, i) => tx.audit.put(Audit.record({ trail, entity, entity_id, action, before, after }, at(i))).commit()),
    ...(change.alsoAudited ?? []).map((other, i) => tx.audit.put(Audit.record(other, at(actions.length + i))).commit()),
    ...events.map((e, i) => tx.outbox.create(event(e.type, trail, e.payload, at(i))).commit()),
  ];
}
