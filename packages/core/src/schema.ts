import * as v from "valibot";
import { idPattern } from "./id";

/** Calendar date `YYYY-MM-DD` that exists (no 2026-02-30). */
export const IsoDate = v.pipe(
  v.string(),
  v.regex(/^\d{4}-\d{2}-\d{2}$/, "Expected a date as YYYY-MM-DD"),
  v.check((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, "Not a calendar date"),
  // Ranges end at "the day after"; the last representable day has none.
  v.check((s) => s <= "9999-12-30", "Dates run to 9999-12-30"),
  v.metadata({ format: "date", pattern: undefined }),
  v.description("A calendar date, YYYY-MM-DD, that exists (no 2026-02-30), up to 9999-12-30."),
);

export const Email = v.pipe(v.string(), v.trim(), v.toLowerCase(), v.maxLength(254), v.email("Not an e-mail address"));

export const ContractId = v.pipe(v.string(), v.regex(idPattern("CT"), "Not a contract id"));
export const ClientId = v.pipe(v.string(), v.regex(idPattern("CL"), "Not a client id"));
export const FileId = v.pipe(v.string(), v.regex(idPattern("FI"), "Not a file id"));

/** Non-empty, trimmed, bounded text. */
export const Text = (max: number) =>
  v.pipe(
    v.string(),
    v.trim(),
    v.minLength(1, "must not be empty"),
    v.maxLength(max),
    // Leading and trailing spaces are trimmed first, so text of spaces only is empty.
    v.metadata({ pattern: "\\S" }),
  );

export const Version = v.pipe(v.number(), v.integer(), v.minValue(1));

/**
 * The changes of an update: at least one field besides `version`, so an empty
 * body (`{}`, `[]`) is refused instead of writing a new version that changes
 * nothing.
 */
export const NO_CHANGE = "name at least one field to change";
export const Changes = <E extends v.ObjectEntries>(entries: E) =>
  v.pipe(
    v.strictObject({ ...entries, version: v.optional(Version) }),
    v.check((input) => Object.keys(input).some((key) => key !== "version"), NO_CHANGE),
    v.description("The fields to change, at least one besides `version`; fields left out keep their value."),
  );

/**
 * An amount of money in major units (12.5 is twelve and a half), exact: at
 * most two decimals and at most 10 000 000 000 000, i.e. at most 15
 * significant digits, which every JSON parser (IEEE-754 doubles) reads back
 * unchanged. DynamoDB stores numbers as exact decimals. The check reads the
 * number's shortest decimal form, never `n * 100`: 2222222222222.22 * 100 is
 * not a whole number in floating point.
 */
export const Amount = v.pipe(
  v.number(),
  v.finite(),
  v.minValue(0),
  v.maxValue(1e13),
  v.check((n) => /^-?\d+(\.\d{1,2})?$/.test(String(n)), "must have at most two decimals"),
  v.metadata({ multipleOf: 0.01 }),
  v.description("Exact amount in major units of `currency`: at most two decimals and 15 significant digits (up to 10000000000000)."),
);

/** `limit` and `cursor` of every list; query strings arrive as text. */
export const PageQuery = v.object({
  limit: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d+$/, "Expected a whole number"),
      // Query strings are text; the document states what the text must say.
      v.metadata({ type: "integer", minimum: 1, maximum: 100, default: 25, pattern: undefined }),
      v.transform(Number),
      v.minValue(1),
      v.maxValue(100),
    ),
    "25",
  ),
  cursor: v.optional(
    v.pipe(
      v.string(),
      v.maxLength(2048),
      v.description("The `next_cursor` of the previous page of this same list and filters; any other value is a 400 `cursor.invalid`."),
    ),
  ),
});

/** The reply of every list. */
export const PageOf = <S extends v.GenericSchema>(item: S) => v.object({ items: v.array(item), next_cursor: v.nullable(v.string()) });
