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
  delivery: v.optional(
    v.pipe(
      v.picklist(["stream", "link"]),
      v.description(
        "How a spreadsheet comes: `stream`, in the reply's body; `link`, written to S3 and answered with a 303 to a download link valid a few minutes. " +
          "The default is `link` on AWS (a Lambda reply is at most 6 MB, and an export may be larger) and `stream` on the local stack.",
      ),
    ),
  ),
});

type Delivery = NonNullable<v.InferOutput<typeof ExportQuery>["delivery"]>;
let defaultDelivery: Delivery = "stream";

/** Called by the Lambda entry point: its replies are buffered and at most 6 MB, so exports go by link there unless asked otherwise. */
export function deliverExportsAsLinks(): void {
  defaultDelivery = "link";
}

/** The spreadsheet format the caller asked for, by `format` or else by `Accept`; undefined for JSON. */
export function exportFormat(c: Context, format: v.InferOutput<typeof ExportQuery>["format"]): Export.Format | undefined {
  if (format === "json") return undefined;
  return Export.FORMATS.find((f) => f === format) ?? Export.formatAccepted(c.req.header("accept"));
}

/** What an operation's document says of its exports, after `rows` (what one row is). */
export const exportsDescription = (rows: string) =>
  `As a spreadsheet (\`format=csv\` or \`format=xlsx\`, or \`Accept: text/csv\` or \`Accept: ${Export.MEDIA_TYPES.xlsx}\`): ${rows}, ` +
  "every one (not a page: `limit` and `cursor` do not apply), streamed as a download whose columns are the JSON fields' names. " +
  "On AWS it comes as a 303 to a short-lived download link by default (`delivery`), since a Lambda reply is at most 6 MB. " +
  "Text a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) is written after an apostrophe; an import reads it back without.";

/** The rows as a download in `format`, named after the table and today's date: streamed in the reply, or (`delivery=link`) a 303 to a link to it. */
export async function exported(
  c: Context,
  format: Export.Format,
  asked: Delivery | undefined,
  table: Export.Table,
  rows: AsyncIterable<Record<string, unknown>>,
): Promise<Response> {
  const filename = `${table.name}-${new Date().toISOString().slice(0, 10)}.${format}`;
  const content = format === "csv" ? Readable.from(encoded(Export.csvLines(table, rows))) : Export.xlsxStream(table, rows);
  const delivery = asked ?? defaultDelivery;
  if (delivery === "link") return c.redirect((await Export.asDownload(filename, Export.MEDIA_TYPES[format], content)).url, 303);
  return c.body(Readable.toWeb(content) as ReadableStream<Uint8Array>, 200, { "content-type": Export.MEDIA_TYPES[format], "content-disposition": `attachment; filename="${filename}"` });
}

async function* encoded(lines: AsyncIterable<string>): AsyncIterable<Uint8Array> {
  const encoder = new TextEncoder();
  for await (const line of lines) yield encoder.encode(line);
}
