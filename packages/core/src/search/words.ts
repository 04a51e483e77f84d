/** Longest word kept: a longer one is found by its first 32 characters. */
const MAX_WORD = 32;
/** Most items DynamoDB takes in one transaction. */
const TRANSACTION_ITEMS = 100;
/** Room kept in a write's transaction for the record itself, its audit entry, its events and counters. */
const RECORD_ITEMS = 20;
/**
 * Most words kept per text. Each word is one item of the transaction that writes
 * its record, and a rename that replaces every word deletes the old ones and puts
 * the new ones in that same transaction: 2 × 40 + 20 stays within DynamoDB's 100.
 * Words past the 40th are kept in the text but not searchable; the API says so.
 */
export const SEARCHABLE_WORDS = Math.floor((TRANSACTION_ITEMS - RECORD_ITEMS) / 2);

/**
 * The words of a text as search stores and matches them: lower case, accents
 * removed, split on anything that is not a letter or digit, each once.
 */
export function words(text: string): string[] {
  const found = text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((word) => word.slice(0, MAX_WORD));
  return [...new Set(found)].slice(0, SEARCHABLE_WORDS);
}

/** True when every word of the query starts some word of the text. */
export function matchesAll(queryWords: string[], text: string): boolean {
  const candidates = words(text);
  return queryWords.every((q) => candidates.some((word) => word.startsWith(q)));
}
