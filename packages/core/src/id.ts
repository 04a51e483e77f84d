import { randomBytes } from "node:crypto";

// Crockford base32: no I, L, O, U, so ids read aloud and typed by hand survive.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** Prefixed, random, URL-safe id, e.g. `CT8K2M4Q7ZP1X9`. */
export function newId(prefix: string, length = 12): string {
  const bytes = randomBytes(length);
  let out = prefix;
  for (const byte of bytes) out += ALPHABET[byte & 31];
  return out;
}

/** Shape every id accepted from outside must have (the original design's `CT001ABC` fits). */
export const idPattern = (prefix: string) => new RegExp(`^${prefix}[0-9A-Z]{4,32}$`);
