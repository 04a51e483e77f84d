import { DomainError } from "../error";

// ElectroDB's cursor is base64url JSON of DynamoDB's LastEvaluatedKey. We pass it
// through opaquely but refuse anything that is not shaped like one of our keys,
// so a tampered cursor is a 400 and never reaches DynamoDB as garbage.
const KEY_ATTRIBUTE = /^(pk|sk|gsi[1-9]pk|gsi[1-9]sk)$/;

export function checkCursor(cursor: string | undefined): string | null {
  if (cursor === undefined || cursor === "") return null;
  const invalid = () => new DomainError("cursor.invalid", "The cursor is not one this API issued.");
  if (cursor.length > 2048 || !/^[A-Za-z0-9_-]+={0,2}$/.test(cursor)) throw invalid();
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  if (typeof key !== "object" || key === null || Array.isArray(key)) throw invalid();
  const entries = Object.entries(key);
  if (entries.length === 0) throw invalid();
  for (const [name, value] of entries) {
    if (!KEY_ATTRIBUTE.test(name) || typeof value !== "string") throw invalid();
  }
  return cursor;
}

// DynamoDB's words for a start key that does not belong to the query (another index, partition or range).
const FOREIGN_START_KEY = /start(ing)? ?key/i;

function rejectsStartKey(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = (e as { cause?: unknown }).cause) {
    if (e.name === "ValidationException" && FOREIGN_START_KEY.test(e.message)) return true;
  }
  return false;
}

/**
 * Runs one list query from the caller's cursor. A cursor that is well formed
 * but was issued by another list (or before a filter changed) is the caller's
 * mistake: a 400 `cursor.invalid`, never a 500.
 */
export async function withCursor<T>(cursor: string | undefined, run: (cursor: string | null) => Promise<T>): Promise<T> {
  const checked = checkCursor(cursor);
  try {
    return await run(checked);
  } catch (error) {
    if (checked && rejectsStartKey(error)) throw new DomainError("cursor.invalid", "The cursor belongs to another list or filter; start again without it.");
    throw error;
  }
}

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}
