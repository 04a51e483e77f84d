import { Readable } from "node:stream";
import { Hono } from "hono";
import * as v from "valibot";
import { DomainError, Export, Import, ValidationError } from "@testex/core";
import { PageOf } from "@testex/core/schema";
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
  mapping_name: v.pipe(v.optional(Import.Mappings.MappingName), v.description("A saved mapping to read the file with, instead of `columns`, `date_format` and `decimal_separator`.")),
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

const tag = "Imports";
const IdParams = v.object({ id: Import.Job.ImportId });
const NameParams = v.object({ name: Import.Mappings.MappingName });

/** The file in the body, imported at once: the small-file path. */
async function importDirect(bytes: Buffer, query: v.InferOutput<typeof ImportQuery>, kind: Import.Kind): Promise<Import.Report> {
  const mapping = query.mapping_name
    ? (await Import.Mappings.get(query.mapping_name)).mapping
    : { columns: columnsOf(query.columns) as Record<string, never> | undefined, date_format: query.date_format, decimal_separator: query.decimal_separator };
  const items: Import.RowReport[] = [];
  const { last: _last, finished: _finished, ...summary } = await Import.run(
    Readable.from([bytes]),
    {
      file: query.filename,
      kind,
      digest: await Import.digestOf(Readable.from([bytes])),
      mapping,
      dryRun: query.dry_run === "true",
      createClients: query.create_clients === "true",
    },
    (report) => void items.push(report),
  );
  return { ...summary, items: items.sort((a, b) => a.row - b.row) };
}

export const imports = new Hono<AppEnv>()
  .post(
    "/",
    operation({
      tag,
      summary: "Import contracts from a CSV or XLSX file: at once for a small file in the body, or as a background job for an uploaded one",
      description:
        "**A file uploaded first** (`POST /api/imports/uploads`): the JSON body `{upload_id, mapping | mapping_name, dry_run, create_clients}` starts a background job " +
        "and answers 202 with it (and its `Location`); follow its progress at `GET /api/imports/{id}` and its refused rows at `GET /api/imports/{id}/refused`. " +
        "Any size up to the upload limit; the job goes on across as many invocations as the file needs. " +
        `**A small file in the body** (up to ${MAX_DIRECT_UPLOAD_BYTES} bytes), as \`text/csv\` or the XLSX media type (else 415): imported at once, every row reported in the reply. ` +
        "Either way, the first row holds the column names: the API's field names of a contract " +
        "(an export of `GET /api/contracts` imports as it is), or others mapped with `columns` (or a saved mapping). A row updates a contract when it names one by `contract_id`, " +
        "or by an `external_ref` imported before; otherwise it creates one, for `client_id` or the client with `client_email`. " +
        "Every row is reported: `create`, `update` (with the fields it changes), `unchanged`, or `refused` with each field's error in the words of a 422. " +
        "The same file again creates nothing twice, also after an interrupted run (rows without an external reference are known by the file's digest and their number). " +
        "Each imported row is on its contract's audit trail with the file and row: a new contract's `contract.created` entry names them (`imported_from`), an update is followed by `contract.imported`. Dates and amounts are read as `date_format` and `decimal_separator` say; " +
        "XLSX dates stored as dates are read as such. The query parameters apply to a file in the body only.",
      access: "write",
      query: ImportQuery,
      body: Import.Job.StartInput,
      responses: { 200: Import.Report, 202: Import.Job.Job },
      headers: { 202: ["Location"] },
      errors: ["import_upload.not_found", "import.upload_missing", "import_mapping.not_found"],
      maxBodyBytes: MAX_DIRECT_UPLOAD_BYTES,
      upload: Object.values(MEDIA),
    }),
    async (c) => {
      const query = queryOf(c, ImportQuery);
      const type = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
      const kind = Import.KINDS.find((k) => MEDIA[k] === type);
      if (kind) return c.json(await importDirect(Buffer.from(await c.req.arrayBuffer()), query, kind), 200);
      if (!c.var.input.body) throw new DomainError("request.unsupported_media_type", `Send the file as ${MEDIA.csv} or ${MEDIA.xlsx}, or JSON naming an uploaded file.`);
      const job = await Import.Job.start(c.var.input.body);
      return c.json(job, 202, { location: `/api/imports/${job.import_id}` });
    },
  )
  .post(
    "/uploads",
    operation({
      tag,
      summary: "Grant an upload of a spreadsheet straight to S3, for an import of any size",
      description:
        `Answers with a PUT to send the file to (its headers are signed and must be sent as given: S3 takes the file only with the declared size and SHA-256), ` +
        `valid for a few minutes, and the \`upload_id\` to start imports of it with (\`POST /api/imports\`). Files up to ${Import.Job.MAX_IMPORT_BYTES} bytes; uploads are kept a week.`,
      access: "write",
      body: Import.Job.UploadRequest,
      responses: { 201: Import.Job.UploadGrant },
    }),
    async (c) => c.json(await Import.Job.grantUpload(c.var.input.body), 201),
  )
  .get(
    "/:id",
    operation({ tag, summary: "A background import's progress: rows done, created, updated, unchanged, refused, and its state", access: "read", params: IdParams, responses: { 200: Import.Job.Job }, errors: ["import.not_found"] }),
    async (c) => c.json(await Import.Job.get(c.req.param("id")!)),
  )
  .get(
    "/:id/refused",
    operation({
      tag,
      summary: "The rows a background import refused, in row order, each with its fields' errors in the words of the API's 422s",
      access: "read",
      params: IdParams,
      query: Import.Job.RefusedQuery,
      responses: { 200: PageOf(Import.Job.RefusedRow) },
      errors: ["import.not_found"],
    }),
    async (c) => c.json(await Import.Job.refusedRows(c.req.param("id")!, c.var.input.query)),
  );

/** Mappings saved by name, for imports to use with `mapping_name` (the API, the CLI and the console). */
export const importMappings = new Hono<AppEnv>()
  .get(
    "/",
    operation({ tag, summary: "The saved mappings, by name", access: "read", responses: { 200: PageOf(Import.Mappings.SavedMapping) } }),
    async (c) => c.json({ items: await Import.Mappings.list(), next_cursor: null }),
  )
  .get(
    "/:name",
    operation({ tag, summary: "A saved mapping", access: "read", params: NameParams, responses: { 200: Import.Mappings.SavedMapping }, errors: ["import_mapping.not_found"] }),
    async (c) => c.json(await Import.Mappings.get(c.req.param("name"))),
  )
  .put(
    "/:name",
    operation({
      tag,
      summary: "Save a mapping by name (replacing the one saved so before), for imports to use with `mapping_name`",
      access: "write",
      params: NameParams,
      body: Import.Mapping,
      responses: { 200: Import.Mappings.SavedMapping, 201: Import.Mappings.SavedMapping },
    }),
    async (c) => {
      const { mapping, created } = await Import.Mappings.save(c.req.param("name"), c.var.input.body);
      return c.json(mapping, created ? 201 : 200);
    },
  )
  .delete(
    "/:name",
    operation({ tag, summary: "Delete a saved mapping", access: "write", params: NameParams, responses: { 204: null }, errors: ["import_mapping.not_found"] }),
    async (c) => {
      await Import.Mappings.remove(c.req.param("name"));
      return c.body(null, 204);
    },
  );
