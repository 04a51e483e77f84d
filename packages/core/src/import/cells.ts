import { restore } from "../export/formula";
import type { Field, Mapping } from "./mapping";
import type { RawCell } from "./read";

const DATES = new Set<Field>(["start_date", "end_date"]);
const NUMBERS = new Set<Field>(["value", "notice_period_days", "renewal_term_months"]);

/** Excel counts days from 1899-12-30 (so that its 1900 leap-year bug lands right for every date after February 1900). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const fromSerial = (serial: number) => new Date(EXCEL_EPOCH_MS + Math.round(serial * 86_400_000)).toISOString().slice(0, 10);

const DATE_PATTERNS: Record<Mapping["date_format"], { pattern: RegExp; order: [number, number, number] }> = {
  "YYYY-MM-DD": { pattern: /^(\d{4})-(\d{1,2})-(\d{1,2})$/, order: [1, 2, 3] },
  "DD/MM/YYYY": { pattern: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: [3, 2, 1] },
  "MM/DD/YYYY": { pattern: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: [3, 1, 2] },
  "DD.MM.YYYY": { pattern: /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/, order: [3, 2, 1] },
};

/** A date as the API takes it; text in another form is passed on as it is, for the API's own words on it. */
function date(cell: Exclude<RawCell, undefined>, format: Mapping["date_format"]): string {
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  if (typeof cell === "number") return fromSerial(cell);
  const { pattern, order } = DATE_PATTERNS[format];
  const match = pattern.exec(cell);
  if (!match) return cell;
  const [year, month, day] = order.map((group) => match[group]!);
  return `${year}-${month!.padStart(2, "0")}-${day!.padStart(2, "0")}`;
}

/** An amount or count as a number; text that is not one is passed on, for the API's own words on it. */
function number(cell: Exclude<RawCell, undefined>, separator: Mapping["decimal_separator"]): number | string {
  if (typeof cell === "number") return cell;
  const text = String(cell);
  const thousands = separator === "," ? /[.\s\u00a0']/g : /[,\s\u00a0']/g;
  const plain = text.replace(thousands, "").replace(separator, ".");
  return /^-?\d+(\.\d+)?$/.test(plain) ? Number(plain) : text;
}

/** A cell as the API field `field` takes it; an empty cell is no value at all. */
export function fieldValue(field: Field, cell: RawCell, mapping: Mapping): string | number | undefined {
  if (cell === undefined || (typeof cell === "string" && cell.trim() === "")) return undefined;
  if (DATES.has(field)) return date(typeof cell === "string" ? cell.trim() : cell, mapping.date_format);
  if (NUMBERS.has(field)) return number(typeof cell === "string" ? cell.trim() : cell, mapping.decimal_separator);
  return restore(cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell).trim());
}
