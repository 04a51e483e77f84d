import type { Readable } from "node:stream";
import { DomainError } from "../error";
import { excel } from "../export/xlsx";
import { onFirstUse } from "../lazy";

/** A cell as the file holds it: text from CSV; text, a number or a date from XLSX. */
export type RawCell = string | number | Date | undefined;

/** One line of the file: its number as a spreadsheet shows it (the header is row 1) and its cells. */
export interface RawRow {
  row: number;
  cells: RawCell[];
}

export const KINDS = ["csv", "xlsx"] as const;
export type Kind = (typeof KINDS)[number];

/** The kind of a file by its name, or undefined when it is neither. */
export const kindOf = (filename: string): Kind | undefined => KINDS.find((kind) => filename.toLowerCase().endsWith(`.${kind}`));

/** The file's lines as they stream in, header first: memory holds one row, not the file. A file that cannot be read is a 400 naming it. */
export async function* readRows(source: Readable, kind: Kind, file: string): AsyncIterable<RawRow> {
  let last = 1;
  try {
    for await (const row of kind === "csv" ? csvRows(source) : xlsxRows(source)) {
      last = row.row;
      yield row;
    }
  } catch (error) {
    if (error instanceof DomainError) throw error;
    const where = last > 1 ? ` after row ${last}` : "";
    throw new DomainError("request.malformed", `${file} cannot be read as ${kind.toUpperCase()}${where}: ${error instanceof Error ? error.message : String(error)}.`);
  }
}

/** Only an import loads the CSV parser: the API's cold start does not pay for it. */
const csv = onFirstUse(() => import("csv-parse"));

async function* csvRows(source: Readable): AsyncIterable<RawRow> {
  const { parse } = await csv();
  const parser = source.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true }));
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    yield { row: info.lines, cells: record };
  }
}

/** What exceljs gives for a cell that is more than a value: a formula's result, a link's text, rich text. */
function valueOf(cell: unknown): RawCell {
  if (cell === null || cell === undefined) return undefined;
  if (typeof cell === "string" || typeof cell === "number" || cell instanceof Date) return cell;
  if (typeof cell === "boolean") return String(cell);
  const rich = cell as { result?: unknown; text?: unknown; richText?: { text: string }[] };
  if (rich.richText) return rich.richText.map((run) => run.text).join("");
  if (rich.result !== undefined) return valueOf(rich.result);
  if (rich.text !== undefined) return valueOf(rich.text);
  return String(cell);
}

/** The first sheet's rows; styles are not read, so dates arrive as Excel's serial numbers (see `cells.ts`). */
async function* xlsxRows(source: Readable): AsyncIterable<RawRow> {
  const ExcelJS = await excel();
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(source, { worksheets: "emit", sharedStrings: "cache", styles: "ignore", hyperlinks: "ignore" });
  for await (const sheet of workbook) {
    for await (const row of sheet) {
      const values = row.values as unknown[];
      yield { row: row.number, cells: values.slice(1).map(valueOf) };
    }
    return;
  }
}
