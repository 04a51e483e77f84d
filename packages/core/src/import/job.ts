/**
 * Large imports: the file goes straight to S3 through an upload grant (its
 * size and SHA-256 signed into the PUT), and a durable job imports it in the
 * background. The job is a record; its work is an outbox event whose effect
 * takes the rows after the last one done, for a bounded time, then records
 * its progress and the event for the next chunk in one transaction: a job
 * longer than one Lambda invocation continues in the next, and a repeated
 * event finds its chunk done. Rows are claimed as in every import, so a chunk
 * interrupted midway and run again creates nothing twice.
 */
import type { Readable } from "node:stream";
import { Resource } from "sst";
import * as v from "valibot";
import { currentActor, withContext, type Actor } from "../context";
import { withCursor, type Page } from "../db/cursor";
import { ImportJobEntity, ImportRefusalEntity, ImportUploadEntity } from "./entity";
import { DomainError } from "../error";
import { MEDIA_TYPES } from "../export/format";
import { SignedRequestSchema } from "../file";
import { UPLOAD_URL_SECONDS } from "../file/objects";
import { newId, idPattern } from "../id";
import * as s3 from "../object-store";
import { recordChange } from "../outbox/change";
import { PageQuery } from "../schema";
import { parse } from "../validation";
import { JOB_STATUSES } from "./entity";
import { Events } from "./events";
import { run, type Progress } from "./run";
import { Mapping } from "./mapping";
import { kindOf } from "./read";
import { RowReport } from "./row";
import * as Saved from "./saved";
import { importKey, IMPORT_RETENTION_DAYS } from "../file/layout";

/** Files larger than this are refused before they are uploaded. */
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

/** One chunk's bounds: well inside the processor's 60 s, and leaving room on its shard for the other events. */
export const CHUNK = { seconds: 20, rows: 5_000 };

const UploadId = v.pipe(v.string(), v.regex(idPattern("UP"), "Not an upload id"));
export const ImportId = v.pipe(v.string(), v.regex(idPattern("IM"), "Not an import id"));

export const UploadRequest = v.strictObject({
  filename: v.pipe(
    v.string(),
    v.maxLength(200),
    v.regex(/^[^/\\\u0000-\u001f]+\.(csv|xlsx)$/i, "Expected the name of a .csv or .xlsx file, without folders"),
    v.description("The file's name, ending in `.csv` or `.xlsx`: it decides how the file is read, and the audit trail quotes it."),
  ),
  size: v.pipe(v.number(), v.integer(), v.minValue(1, "An empty file has no rows"), v.maxValue(MAX_IMPORT_BYTES, `Imports are limited to ${MAX_IMPORT_BYTES} bytes`)),
  sha256: v.pipe(v.string(), v.regex(/^[0-9a-fA-F]{64}$/, "Expected the SHA-256 of the file as 64 hex digits"), v.toLowerCase()),
});
export type UploadRequest = v.InferInput<typeof UploadRequest>;

export const UploadGrant = v.object({
  upload_id: v.pipe(v.string(), v.description("Start an import of the file with it, once the PUT succeeded (as often as needed: a dry run, then the real one).")),
  filename: v.string(),
  upload: SignedRequestSchema,
});
export type UploadGrant = v.InferOutput<typeof UploadGrant>;

export const StartInput = v.strictObject({
  upload_id: UploadId,
  mapping: v.pipe(v.optional(Mapping), v.description("How the file says things; the API's field names and ISO dates when left out.")),
  mapping_name: v.pipe(v.optional(Saved.MappingName), v.description("A saved mapping to read the file with; `mapping` is not read then.")),
  dry_run: v.pipe(v.optional(v.boolean(), false), v.description("`true`: report what each row would do and write nothing.")),
  create_clients: v.pipe(v.optional(v.boolean(), false), v.description("`true`: a row naming a client by `client_email` that does not exist creates it.")),
});
export type StartInput = v.InferInput<typeof StartInput>;

export const Job = v.object({
  import_id: v.string(),
  upload_id: v.string(),
  file: v.string(),
  dry_run: v.boolean(),
  create_clients: v.boolean(),
  mapping_name: v.optional(v.string()),
  status: v.pipe(v.picklist(JOB_STATUSES), v.description("QUEUED, RUNNING (some rows done), DONE, or FAILED (see `error`).")),
  rows: v.pipe(v.number(), v.description("Rows done so far, the header not counted")),
  create: v.number(),
  update: v.number(),
  unchanged: v.number(),
  refused: v.pipe(v.number(), v.description("Rows refused: each is listed, with its fields' errors, at `/api/imports/{id}/refused`")),
  done_through: v.pipe(v.number(), v.description("The last row done, as a spreadsheet numbers it (the header is row 1): a continuation starts after it")),
  ignored_columns: v.array(v.string()),
  error: v.optional(v.string()),
  created_by: v.string(),
  created_at: v.string(),
  updated_at: v.string(),
  finished_at: v.optional(v.string()),
});
export type Job = v.InferOutput<typeof Job>;

export const RefusedRow = v.object({ row: v.number(), errors: v.array(v.object({ path: v.string(), message: v.string() })) });
export type RefusedRow = v.InferOutput<typeof RefusedRow>;
export const RefusedQuery = v.strictObject(PageQuery.entries);

type StoredJob = NonNullable<Awaited<ReturnType<ReturnType<typeof ImportJobEntity.get>["go"]>>["data"]>;

const present = (job: StoredJob): Job => ({
  import_id: job.import_id,
  upload_id: job.upload_id,
  file: job.file,
  dry_run: job.dry_run,
  create_clients: job.create_clients,
  ...(job.mapping_name ? { mapping_name: job.mapping_name } : {}),
  status: job.status,
  rows: job.rows,
  create: job.create,
  update: job.update,
  unchanged: job.unchanged,
  refused: job.refused,
  done_through: job.done_through,
  ignored_columns: job.ignored_columns ?? [],
  ...(job.error ? { error: job.error } : {}),
  created_by: job.created_by,
  created_at: job.created_at,
  updated_at: job.updated_at,
  ...(job.finished_at ? { finished_at: job.finished_at } : {}),
});

const trail = (importId: string) => `import:${importId}`;
const inBucket = (key: string) => ({ bucket: Resource.Files.name, key });
const MEDIA = { csv: "text/csv", xlsx: MEDIA_TYPES.xlsx } as const;

/** A PUT straight to S3 for one spreadsheet, bound to its key, type, exact size and SHA-256. */
export async function grantUpload(raw: UploadRequest): Promise<UploadGrant> {
  const input = parse(UploadRequest, raw);
  const kind = kindOf(input.filename)!;
  const uploadId = newId("UP");
  const now = new Date();
  const upload = {
    upload_id: uploadId,
    object_key: importKey(uploadId),
    filename: input.filename,
    kind,
    size: input.size,
    sha256: input.sha256,
    created_by: currentActor().id,
    created_at: now.toISOString(),
    expires_at: Math.floor(now.getTime() / 1000) + IMPORT_RETENTION_DAYS * 86_400,
  };
  await recordChange({
    trail: trail(uploadId),
    entity: "import_upload",
    entity_id: uploadId,
    action: "import.upload_granted",
    after: { filename: upload.filename, size: upload.size, sha256: upload.sha256 },
    at: upload.created_at,
    entities: { importUpload: ImportUploadEntity },
    writes: ({ importUpload }) => [importUpload.create(upload).commit()],
    explain: () => new DomainError("version.conflict", "Ask for the upload again."),
  });
  const sha256Base64 = Buffer.from(input.sha256, "hex").toString("base64");
  const signed = await s3.presignUpload(inBucket(upload.object_key), { contentType: MEDIA[kind], size: input.size, sha256Base64 }, UPLOAD_URL_SECONDS);
  return { upload_id: uploadId, filename: input.filename, upload: signed };
}

/** Starts a background import of an uploaded file: the job is recorded with the event that runs its first chunk. */
export async function start(raw: StartInput): Promise<Job> {
  const input = parse(StartInput, raw);
  const { data: upload } = await ImportUploadEntity.get({ upload_id: input.upload_id }).go({ consistent: true });
  if (!upload) throw new DomainError("import_upload.not_found", `No upload ${input.upload_id}: ask for an upload grant first (grants are kept ${IMPORT_RETENTION_DAYS} days).`);
  // S3 took the PUT only with the signed size and checksum: an object at the key is the declared file.
  if ((await s3.sizeOf(inBucket(upload.object_key))) === null) {
    throw new DomainError("import.upload_missing", `The file of upload ${upload.upload_id} has not arrived: send it with the granted PUT first.`);
  }
  const mapping = input.mapping_name ? (await Saved.get(input.mapping_name)).mapping : parse(Mapping, input.mapping ?? {});
  const actor = currentActor();
  const now = new Date().toISOString();
  const job: StoredJob = {
    import_id: newId("IM"),
    upload_id: upload.upload_id,
    object_key: upload.object_key,
    file: upload.filename,
    kind: upload.kind,
    digest: upload.sha256,
    mapping,
    ...(input.mapping_name ? { mapping_name: input.mapping_name } : {}),
    dry_run: input.dry_run,
    create_clients: input.create_clients,
    status: "QUEUED",
    chunk: 0,
    done_through: 1,
    rows: 0,
    create: 0,
    update: 0,
    unchanged: 0,
    refused: 0,
    ignored_columns: [],
    created_by: actor.id,
    // A job's own actor (the CLI's) may have no e-mail or name: a stored map holds no undefined values.
    actor: { id: actor.id, ...(actor.email ? { email: actor.email } : {}), ...(actor.name ? { name: actor.name } : {}), roles: [...actor.roles] },
    created_at: now,
    updated_at: now,
  };
  await recordChange({
    trail: trail(job.import_id),
    entity: "import",
    entity_id: job.import_id,
    action: "import.started",
    after: present(job),
    at: now,
    entities: { importJob: ImportJobEntity },
    writes: ({ importJob }) => [importJob.create(job).commit()],
    events: [Events.Advance.build({ import_id: job.import_id, chunk: 0 })],
    explain: () => new DomainError("version.conflict", "Start the import again."),
  });
  return present(job);
}

async function load(importId: string): Promise<StoredJob> {
  const id = parse(ImportId, importId);
  const { data } = await ImportJobEntity.get({ import_id: id }).go({ consistent: true });
  if (!data) throw new DomainError("import.not_found", `No import ${id}.`);
  return data;
}

export const get = async (importId: string): Promise<Job> => present(await load(importId));

/** The rows a job refused, in row order, each with its fields' errors in the words of the API's 422s. */
export async function refusedRows(importId: string, raw: v.InferInput<typeof RefusedQuery> = {}): Promise<Page<RefusedRow>> {
  const job = await load(importId);
  const query = parse(RefusedQuery, raw);
  const result = await withCursor(query.cursor, (cursor) => ImportRefusalEntity.query.byJob({ import_id: job.import_id }).go({ limit: query.limit, cursor }));
  return { items: result.data.map(({ row, errors }) => ({ row, errors: parse(RowReport.entries.errors, errors) ?? [] })), next_cursor: result.cursor };
}

const isFinal = (job: StoredJob) => job.status === "DONE" || job.status === "FAILED";

/** Ends a job that cannot go on (its file unreadable, or gone), in words for the person who started it. */
async function fail(job: StoredJob, chunk: number, error: string): Promise<void> {
  const now = new Date().toISOString();
  await recordChange({
    trail: trail(job.import_id),
    entity: "import",
    entity_id: job.import_id,
    action: "import.failed",
    after: { error },
    at: now,
    entities: { importJob: ImportJobEntity },
    writes: ({ importJob }) => [
      importJob
        .patch({ import_id: job.import_id })
        .set({ status: "FAILED", error, updated_at: now, finished_at: now })
        .where((attr, { eq }) => eq(attr.chunk, chunk))
        .commit(),
    ],
    explain: () => new DomainError("version.conflict", `Import ${job.import_id} moved on meanwhile.`),
  }).catch(ignoreConflict);
}

/** Another invocation recorded this chunk first: its record stands. */
const ignoreConflict = (error: unknown) => {
  if (!(error instanceof DomainError && error.code === "version.conflict")) throw error;
};

/**
 * Runs chunk `chunk` of a job: the rows after the last one done, until the
 * chunk's bounds, as the person who started it. Records the chunk's progress
 * and, unless the file is done, the event for the next chunk, in one
 * transaction conditioned on the chunk being this one.
 */
export async function advance(importId: string, chunk: number, bounds = CHUNK): Promise<void> {
  const job = await load(importId);
  if (isFinal(job) || job.chunk !== chunk) return;
  const source: Readable | null = await s3.stream(inBucket(job.object_key));
  if (!source) return fail(job, chunk, `The uploaded file is gone (uploads are kept ${IMPORT_RETENTION_DAYS} days): upload it again and start a new import.`);
  const began = Date.now();
  let taken = 0;
  const stop = () => (taken >= bounds.rows || Date.now() - began > bounds.seconds * 1000) || (taken++, false);
  let progress: Progress;
  try {
    progress = await withContext({ actor: job.actor as Actor, requestId: `${job.import_id}-${chunk}` }, () =>
      run(
        source,
        { file: job.file, kind: job.kind, digest: job.digest, mapping: job.mapping as v.InferInput<typeof Mapping>, dryRun: job.dry_run, createClients: job.create_clients },
        async (report) => {
          if (report.action !== "refused") return;
          await ImportRefusalEntity.put({ import_id: job.import_id, position: String(report.row).padStart(10, "0"), row: report.row, errors: report.errors ?? [] }).go();
        },
        { after: job.done_through, stop },
      ),
    );
  } catch (error) {
    // A file that cannot be read is the person's to fix, not a failure to retry.
    if (error instanceof DomainError) return fail(job, chunk, error.message);
    throw error;
  } finally {
    source.destroy();
  }
  const now = new Date().toISOString();
  await recordChange({
    trail: trail(job.import_id),
    entity: "import",
    entity_id: job.import_id,
    action: progress.finished ? "import.finished" : "import.continued",
    after: { chunk, done_through: progress.last, rows: progress.rows, create: progress.create, update: progress.update, unchanged: progress.unchanged, refused: progress.refused },
    at: now,
    entities: { importJob: ImportJobEntity },
    writes: ({ importJob }) => [
      importJob
        .patch({ import_id: job.import_id })
        .set({
          status: progress.finished ? "DONE" : "RUNNING",
          chunk: chunk + 1,
          done_through: progress.last,
          updated_at: now,
          ...(chunk === 0 ? { ignored_columns: progress.ignored_columns } : {}),
          ...(progress.finished ? { finished_at: now } : {}),
        })
        .add({ rows: progress.rows, create: progress.create, update: progress.update, unchanged: progress.unchanged, refused: progress.refused })
        .where((attr, { eq }) => eq(attr.chunk, chunk))
        .commit(),
    ],
    events: progress.finished ? [] : [Events.Advance.build({ import_id: job.import_id, chunk: chunk + 1 })],
    explain: () => new DomainError("version.conflict", `Chunk ${chunk} of import ${job.import_id} was recorded by another run.`),
  }).catch(ignoreConflict);
}

/** The outbox gave up on a chunk: the job says so, instead of staying RUNNING forever. */
export async function abandon(importId: string, chunk: number): Promise<void> {
  const job = await load(importId);
  if (isFinal(job) || job.chunk !== chunk) return;
  await fail(job, chunk, `The import stopped after row ${job.done_through}: chunk ${chunk} failed repeatedly. Start it again: rows already imported are not imported twice.`);
}
