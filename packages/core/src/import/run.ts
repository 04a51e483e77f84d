/** One import run over a file (or a window of its rows): the rows streamed, a batch at a time, each planned or applied. */
import { createHash } from "node:crypto";
import type { Readable } from "node:stream";
import * as v from "valibot";
import { parse } from "../validation";
import { fieldValue } from "./cells";
import { FIELDS, Mapping, type Field } from "./mapping";
import { readRows, type Kind, type RawRow } from "./read";
import { importRows, RowReport, type Row, type Values } from "./row";

export const Summary = v.object({
  file: v.string(),
  dry_run: v.boolean(),
  rows: v.pipe(v.number(), v.description("Rows read, the header not counted")),
  create: v.number(),
  update: v.number(),
  unchanged: v.number(),
  refused: v.number(),
  ignored_columns: v.pipe(v.array(v.string()), v.description("Columns that are no field and have no mapping (an export's read-only columns among them)")),
});
export type Summary = v.InferOutput<typeof Summary>;

/** The summary and every row's outcome, in row order. */
export const Report = v.object({ ...Summary.entries, items: v.array(RowReport) });
export type Report = v.InferOutput<typeof Report>;

export interface Options {
  /** The file's name, as the audit trail quotes it ("imported from contracts-2026.xlsx, row 41"). */
  file: string;
  kind: Kind;
  /** SHA-256 of the file: rows without an external reference are known by it and their number. */
  digest: string;
  mapping: v.InferInput<typeof Mapping>;
  dryRun: boolean;
  createClients: boolean;
}

/**
 * Rows taken together: their claims and contracts read in one request each,
 * their new contracts written a transaction for several rows (DynamoDB's
 * work, and the SDK's, is mostly per request and per item). Each batch is
 * written before the next is read, so a row sees what the rows before it did.
 */
const BATCH = 50;

/** The items in arrays of `size`, the last one shorter. */
async function* inBatches<T>(items: AsyncIterable<T>, size: number): AsyncIterable<T[]> {
  let batch: T[] = [];
  for await (const item of items) {
    batch.push(item);
    if (batch.length === size) yield batch.splice(0);
  }
  if (batch.length > 0) yield batch;
}

/** The SHA-256 of a file read as a stream. */
export async function digestOf(source: Readable): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of source) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** Which rows a run takes: a background job takes the file in several runs, each after the last row the one before did. */
export interface Window {
  /** Rows up to this one were done before: skipped. */
  after?: number;
  /** Asked before each row: true stops reading there, the rest is left for the next run. */
  stop?: () => boolean;
}

/** A run's summary, with where it stopped: `last` is the last row it took (1, the header, when none). */
export type Progress = Summary & { last: number; finished: boolean };

/** The header, then the rows of the window; records where it stops. */
async function* within(rows: AsyncIterable<RawRow>, window: Window, progress: Progress): AsyncIterable<RawRow> {
  let header = true;
  for await (const row of rows) {
    if (header) header = false;
    else if (row.row <= (window.after ?? 0)) continue;
    else if (window.stop?.()) return void (progress.finished = false);
    else progress.last = row.row;
    yield row;
  }
}

/** Imports (or, dry, plans) every row of `source` in `window`; `onRow` hears each row's outcome as its batch is done. */
export async function run(source: Readable, options: Options, onRow: (report: RowReport) => void | Promise<void> = () => {}, window: Window = {}): Promise<Progress> {
  const mapping = parse(Mapping, options.mapping);
  const summary: Progress = { file: options.file, dry_run: options.dryRun, rows: 0, create: 0, update: 0, unchanged: 0, refused: 0, ignored_columns: [], last: window.after ?? 1, finished: true };
  const context = { file: options.file, digest: options.digest, dryRun: options.dryRun, createClients: options.createClients, clients: new Map(), checked: new Map() };
  let columns: (Field | undefined)[] | undefined;
  /** The rows of the window as fields, after the header (which names the columns). */
  async function* rows(): AsyncIterable<Row> {
    for await (const { row, cells } of within(readRows(source, options.kind, options.file), window, summary)) {
      if (!columns) {
        const names = cells.map((cell) => String(cell ?? "").trim());
        columns = names.map((name) => mapping.columns[name] ?? FIELDS.find((field) => field === name));
        summary.ignored_columns = names.filter((name, i) => name && !columns![i]);
        continue;
      }
      const values: Values = {};
      columns.forEach((field, i) => {
        const value = field && fieldValue(field, cells[i], mapping);
        if (field && value !== undefined) values[field] = value;
      });
      yield { row, values };
    }
  }
  for await (const batch of inBatches(rows(), BATCH)) {
    for (const report of await importRows(batch, context)) {
      summary.rows++;
      summary[report.action]++;
      await onRow(report);
    }
  }
  return summary;
}
