import { PassThrough, type Readable } from "node:stream";
import { onFirstUse } from "../lazy";
import { neutralise } from "./formula";
import { cellsOf, type Table } from "./table";

/** The workbook library is large: only a request for a workbook loads it. */
export const excel = onFirstUse(async () => (await import("exceljs")).default);

/**
 * The table as an XLSX workbook of one sheet, written as the rows arrive
 * (exceljs's streaming writer commits each row, so memory stays flat). Text
 * is written as text, never as a formula; it is neutralised as in CSV all the
 * same, since a person who edits such a cell makes it a formula.
 */
export function xlsxStream(table: Table, rows: AsyncIterable<Record<string, unknown>>): Readable {
  const out = new PassThrough();
  void (async () => {
    const ExcelJS = await excel();
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
    const sheet = workbook.addWorksheet(table.name);
    sheet.addRow(table.columns).commit();
    for await (const row of rows) {
      sheet.addRow(cellsOf(table, row).map((cell) => (typeof cell === "string" ? neutralise(cell) : (cell ?? null)))).commit();
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}
