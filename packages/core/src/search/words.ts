/** Longest word kept, and most words kept per text: bounds the items one write adds. */
const MAX_WORD = 32;
const MAX_WORDS = 24;

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
  return [...new Set(found)].slice(0, MAX_WORDS);
}

/** True when every word of the query starts some word of the text. */
export function matchesAll(queryWords: string[], text: string): boolean {
  const candidates = words(text);
  return queryWords.every((q) => candidates.some((word) => word.startsWith(q)));
}
