import { setTimeout as sleep } from "node:timers/promises";
import { DomainError } from "../error";
import { db } from "./service";

type WriteBuilder = Parameters<typeof db.transaction.write>[0];

export interface CancelledItem {
  rejected: boolean;
  code: string;
}

const MAX_CONFLICT_RETRIES = 3;

/**
 * Runs one DynamoDB transaction. A condition that failed means the world is not
 * what the caller assumed: `explain` turns the per-item reasons into the domain
 * error the caller can act on (it may read the current state to say which).
 * A `TransactionConflict` (another transaction touched the same item at the
 * same moment) is retried a few times with jitter, then reported as a conflict.
 */
export async function writeTransaction(
  build: WriteBuilder,
  explain: (reasons: CancelledItem[]) => Promise<DomainError> | DomainError,
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const result = await db.transaction.write(build).go();
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
