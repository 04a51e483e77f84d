import { setTimeout as sleep } from "node:timers/promises";
import { createWriteTransaction, type Entity } from "electrodb";
import { DomainError } from "../error";

/** The entities a transaction writes, by the names its builder reads them as. */
export type Entities = Record<string, Entity<any, any, any, any>>;
// ElectroDB infers the items' types from the builder itself.
type Builder<E extends Entities> = Parameters<typeof createWriteTransaction<E, any, any>>[1];
/** The entities as a transaction offers them (each write ends in `.commit()`). */
export type Tx<E extends Entities> = Parameters<Builder<E>>[0];
/** One write of a transaction. */
export type Commit = ReturnType<Builder<Entities>>[number];

export interface CancelledItem {
  rejected: boolean;
  code: string;
}

const MAX_CONFLICT_RETRIES = 3;

/**
 * Runs one DynamoDB transaction over the entities it names (only those are
 * built: a module passes its own entities and those below it, never a list of
 * all). A condition that failed means the world is not what the caller
 * assumed: `explain` turns the per-item reasons into the domain error the
 * caller can act on (it may read the current state to say which). A
 * `TransactionConflict` (another transaction touched the same item at the
 * same moment) is retried a few times with jitter, then reported as a conflict.
 */
export async function writeTransaction<E extends Entities>(
  entities: E,
  build: (tx: Tx<E>) => Commit[],
  explain: (reasons: CancelledItem[]) => Promise<DomainError> | DomainError,
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const result = await createWriteTransaction(entities, build as Builder<E>).go();
    if (!result.canceled) return;
    const reasons = (result.data as CancelledItem[]).map(({ rejected, code }) => ({ rejected, code }));
    if (reasons.some((r) => r.code === "ConditionalCheckFailed")) throw await explain(reasons);
    if (reasons.some((r) => r.code === "TransactionConflict") && attempt < MAX_CONFLICT_RETRIES) {
      await sleep(20 * 2 ** attempt + Math.random() * 20);
      continue;
    }
    if (reasons.some((r) => r.code === "TransactionConflict")) {
      throw new DomainError("version.conflict", "Another change to the same record happened at the same moment; retry.");
    }
    throw new Error(`Transaction cancelled: ${reasons.map((r) => r.code).join(",")}`);
  }
}
