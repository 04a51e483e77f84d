import { Readable } from "node:stream";
import { Hono } from "hono";
import * as v from "valibot";
import { DomainError, Export, Import, ValidationError } from "@testex/core";
import { operation } from "../operation";
import { queryOf } from "../request";
import type { AppEnv } from "../types";
import { MAX_DIRECT_UPLOAD_BYTES } from "./files";

const Flag = v.optional(v.picklist(["true", "false"]), "false");

const ImportQuery = v.strictObject({
  filename: v.pipe(
    v.optional(v.string(), "upload"),
    v.maxLength(200),
    v.check((name) => !/[/\\\u0000-\u001f]/.test(name), "Expected a file's name, without folders"),
    v.description("The file's name: the audit trail quotes it (\"imported from contracts-2026.xlsx, row 41\"). Default `upload`."),
  ),
  dry_run: v.pipe(Flag, v.description("`true`: report what each row would do and write nothing.")),
  create_clients: v.pipe(Flag, v.description("`true`: a row naming a client by `client_email` that does not exist creates it (named `client_name`).")),
  columns: v.pipe(
    v.optional(v.string()),
    v.description("The mapping of the file's column names to the API's field names, as a JSON object, e.g. `{\"Contract title\":\"title\"}`; a column already named as a field needs none."),
  ),
  date_format: Import.Mapping.entries.date_format,
  decimal_separator: Import.Mapping.entries.decimal_separator,
});

const MEDIA = { csv: "text/csv", xlsx: Export.MEDIA_TYPES.xlsx } as const;

/** The mapping's columns, given as JSON text in the query. */
function columnsOf(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationError([{ path: "columns", message: "columns: must be a JSON object of column names to field names" }]);
  }
}

export const imports = new Hono<AppEnv>().post(
  "/",
  operation({
    tag: "Imports",
    summary: "Import contracts from a CSV or XLSX file: each row creates a contract, updates the one it names, or is refused",
    description:
      "The body is the file itself, as `text/csv` or the XLSX media type (else 415), its first row the column names: the API's field names of a contract " +
      "(an export of `GET /api/contracts` imports as it is), or others mapped with `columns`. A row updates a contract when it names one by `contract_id`, " +
      "or by an `external_ref` imported before; otherwise it creates one, for `client_id` or the client with `client_email`. " +
      "Every row is reported: `create`, `update` (with the fields it changes), `unchanged`, or `refused` with each field's error in the words of a 422. " +
      "The same file again creates nothing twice, also after an interrupted run (rows without an external reference are known by the file's digest and their number). " +
      "Each imported row is audited on its contract (`contract.imported`, with the file and row). Dates and amounts are read as `date_format` and `decimal_separator` say; " +
      `XLSX dates stored as dates are read as such. Files up to ${MAX_DIRECT_UPLOAD_BYTES} bytes; \`npm run import\` takes larger ones.`,
    access: "write",
    query: ImportQuery,
    responses: { 200: Import.Report },
    maxBodyBytes: MAX_DIRECT_UPLOAD_BYTES,
    upload: Object.values(MEDIA),
  }),
  async (c) => {
    const query = queryOf(c, ImportQuery);
    const type = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    const kind = Import.KINDS.find((k) => MEDIA[k] === type);
    if (!kind) throw new DomainError("request.unsupported_media_type", `Send the file as ${MEDIA.csv} or ${MEDIA.xlsx}.`);
    const bytes = Buffer.from(await c.req.arrayBuffer());
    const items: Import.RowReport[] = [];
    const summary = await Import.run(
      Readable.from([bytes]),
      {
        file: query.filename,
        kind,
        digest: await Import.digestOf(Readable.from([bytes])),
        mapping: { columns: columnsOf(query.columns) as Record<string, never> | undefined, date_format: query.date_format, decimal_separator: query.decimal_separator },
        dryRun: query.dry_run === "true",
        createClients: query.create_clients === "true",
      },
      (report) => void items.push(report),
    );
    return c.json({ ...summary, items: items.sort((a, b) => a.row - b.row) });
  },
);
