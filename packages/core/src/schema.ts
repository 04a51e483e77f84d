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
);

export const Email = v.pipe(v.string(), v.trim(), v.toLowerCase(), v.maxLength(254), v.email("Not an e-mail address"));

export const ContractId = v.pipe(v.string(), v.regex(idPattern("CT"), "Not a contract id"));
export const ClientId = v.pipe(v.string(), v.regex(idPattern("CL"), "Not a client id"));
export const FileId = v.pipe(v.string(), v.regex(idPattern("FI"), "Not a file id"));

/** Non-empty, trimmed, bounded text. */
export const Text = (max: number) => v.pipe(v.string(), v.trim(), v.minLength(1, "Must not be empty"), v.maxLength(max));

export const Version = v.pipe(v.number(), v.integer(), v.minValue(1));

/** `limit` and `cursor` of every list; query strings arrive as text. */
export const PageQuery = v.object({
  limit: v.optional(
    v.pipe(v.string(), v.regex(/^\d+$/, "Expected a whole number"), v.transform(Number), v.minValue(1), v.maxValue(100)),
    "25",
  ),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(2048))),
});

/** The reply of every list. */
export const PageOf = <S extends v.GenericSchema>(item: S) => v.object({ items: v.array(item), next_cursor: v.nullable(v.string()) });
