import { setTimeout as sleep } from "node:timers/promises";

/**
 * Reads `keys` with a BatchGetItem (`read`, an entity's `get([...]).go()`),
 * asking again for the keys DynamoDB left unprocessed (it does when the table
 * throttles), a little later each time, and giving up after a few tries.
 */
export async function getAll<K, T>(keys: K[], read: (keys: K[]) => Promise<{ data: T[]; unprocessed: K[] }>): Promise<T[]> {
  const found: T[] = [];
  let pending = keys;
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt > 8) throw new Error(`DynamoDB kept ${pending.length} reads unprocessed; the table is throttling, retry.`);
    if (attempt > 0) await sleep(50 * 2 ** attempt + Math.random() * 50);
    const { data, unprocessed } = await read(pending);
    found.push(...data);
    pending = unprocessed;
  }
  return found;
}
