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

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}
