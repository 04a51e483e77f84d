import * as v from "valibot";

/** The contract fields a row may carry, besides the ones that find its contract and its client. */
export const CONTRACT_FIELDS = [
  "client_id",
  "title",
  "contract_type",
  "start_date",
  "end_date",
  "value",
  "currency",
  "notice_period_days",
  "renewal",
  "renewal_term_months",
] as const;

/**
 * `external_ref`: the row's key in the system it comes from (an update when a
 * contract was imported with it before). `contract_id`: a contract of this
 * system (a file exported here). `client_email`, `client_name`: the client,
 * when the row has no `client_id`.
 */
export const KEY_FIELDS = ["external_ref", "contract_id", "client_email", "client_name"] as const;
export const FIELDS = [...CONTRACT_FIELDS, ...KEY_FIELDS] as const;
export type Field = (typeof FIELDS)[number];

export const DATE_FORMATS = ["YYYY-MM-DD", "DD/MM/YYYY", "MM/DD/YYYY", "DD.MM.YYYY"] as const;

/** How a file says things, declared once per import (a mapping file can be kept and passed again). */
export const Mapping = v.strictObject({
  columns: v.pipe(
    v.optional(v.record(v.pipe(v.string(), v.minLength(1), v.maxLength(200)), v.picklist(FIELDS)), {}),
    v.description("The file's column names to the API's field names; a column named as a field needs no entry."),
  ),
  date_format: v.pipe(
    v.optional(v.picklist(DATE_FORMATS), "YYYY-MM-DD"),
    v.description("How the file writes dates; XLSX dates stored as dates (serial numbers) are read whatever this says."),
  ),
  decimal_separator: v.pipe(v.optional(v.picklist([".", ","]), "."), v.description("`1.234,50` with `,`; the other mark and spaces are read as thousands separators.")),
});
export type Mapping = v.InferOutput<typeof Mapping>;
export type MappingInput = v.InferInput<typeof Mapping>;
