import { neutralise } from "./formula";
import { cellsOf, type Cell, type Table } from "./table";

/** Spreadsheets read UTF-8 CSV as UTF-8 (accents intact) only when it starts with the byte-order mark. */
const BOM = "\uFEFF";

const quoted = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

const field = (cell: Cell): string => (cell === undefined ? "" : typeof cell === "string" ? quoted(neutralise(cell)) : String(cell));

const line = (cells: readonly Cell[]) => `${cells.map(field).join(",")}\r\n`;

/** RFC 4180 text of the table, a line at a time as the rows arrive: the header, then one line per row. */
export async function* csvLines(table: Table, rows: AsyncIterable<Record<string, unknown>>): AsyncIterable<string> {
  yield BOM + line(table.columns);
  for await (const row of rows) yield line(cellsOf(table, row));
}
