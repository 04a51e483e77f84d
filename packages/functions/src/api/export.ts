import { Readable } from "node:stream";
import type { Context } from "hono";
import * as v from "valibot";
import { Export } from "@testex/core";

/** The `format` query parameter of every list that exports. */
export const ExportQuery = v.object({
  format: v.optional(
    v.pipe(
      v.picklist(["json", ...Export.FORMATS]),
      v.description("`csv` or `xlsx`: every matching row as a spreadsheet (see the operation's description); default `json`, a page. Wins over `Accept`."),
    ),
  ),
});

/** The spreadsheet format the caller asked for, by `format` or else by `Accept`; undefined for JSON. */
export function exportFormat(c: Context, format: v.InferOutput<typeof ExportQuery>["format"]): Export.Format | undefined {
  if (format === "json") return undefined;
  return Export.FORMATS.find((f) => f === format) ?? Export.formatAccepted(c.req.header("accept"));
}

/** What an operation's document says of its exports, after `rows` (what one row is). */
export const exportsDescription = (rows: string) =>
  `As a spreadsheet (\`format=csv\` or \`format=xlsx\`, or \`Accept: text/csv\` or \`Accept: ${Export.MEDIA_TYPES.xlsx}\`): ${rows}, ` +
  "every one (not a page: `limit` and `cursor` do not apply), streamed as a download whose columns are the JSON fields' names. " +
  "Text a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) is written after an apostrophe; an import reads it back without.";

/** The rows as a streamed download in `format`, named after the table and today's date. */
export function exported(c: Context, format: Export.Format, table: Export.Table, rows: AsyncIterable<Record<string, unknown>>): Response {
  const filename = `${table.name}-${new Date().toISOString().slice(0, 10)}.${format}`;
  const body =
    format === "csv"
      ? ReadableStream.from(encoded(Export.csvLines(table, rows)))
      : (Readable.toWeb(Export.xlsxStream(table, rows)) as ReadableStream<Uint8Array>);
  return c.body(body, 200, { "content-type": Export.MEDIA_TYPES[format], "content-disposition": `attachment; filename="${filename}"` });
}

async function* encoded(lines: AsyncIterable<string>): AsyncIterable<Uint8Array> {
  const encoder = new TextEncoder();
  for await (const line of lines) yield encoder.encode(line);
}
