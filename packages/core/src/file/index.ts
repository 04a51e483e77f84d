import * as v from "valibot";
import { can } from "../access";
import { settings } from "../config";
import * as Contract from "../contract";
import { currentActor } from "../context";
import { withCursor, type Page } from "../db/cursor";
import { recordChange } from "../outbox/change";
import { DomainError } from "../error";
import { newId } from "../id";
import { ContractId, FileId, PageQuery, Text } from "../schema";
import { parse } from "../validation";
import { detectContentType } from "./content-type";
import { FILE_KINDS, FILE_STATUSES, FileEntity, publicView, type StoredFile } from "./entity";
import { contentDisposition, displayName } from "./filename";
import { inArchives, inFiles, objectKey, UPLOAD_URL_SECONDS } from "./objects";
import type { Location, SignedRequest } from "../object-store";
import { IMMUTABLE_KINDS } from "./generated";
import { sha256Hex, verify } from "./verify";
import * as s3 from "../object-store";
import { ContractEntity } from "../contract/entity";

export { FILE_KINDS, FILE_STATUSES, FileEntity };
export type { SignedRequest };

/** How long a download link stays valid. */
export const DOWNLOAD_URL_SECONDS = 300;

export const File = v.object({
  file_id: v.string(),
  contract_id: v.string(),
  filename: v.string(),
  content_type: v.string(),
  size: v.number(),
  sha256: v.string(),
  kind: v.picklist(FILE_KINDS),
  status: v.picklist(FILE_STATUSES),
  rejection_reason: v.optional(v.string()),
  uploaded_by: v.string(),
  created_at: v.string(),
  updated_at: v.string(),
  deleted_at: v.optional(v.string()),
  deleted_by: v.optional(v.string()),
  archived_at: v.optional(v.string()),
});
export type File = v.InferOutput<typeof File>;

export const SignedRequestSchema = v.object({
  method: v.picklist(["PUT", "GET"]),
  url: v.string(),
  headers: v.record(v.string(), v.string()),
  expires_at: v.string(),
});
export const UploadGrant = v.object({ file: File, upload: SignedRequestSchema });
export const DownloadLink = v.object({ file: File, download: SignedRequestSchema });
export type UploadGrant = v.InferOutput<typeof UploadGrant>;
export type DownloadLink = v.InferOutput<typeof DownloadLink>;

/** `text/plain; charset=utf-8` and `Text/Plain` are both `text/plain`. */
const MediaType = v.pipe(v.string(), v.trim(), v.toLowerCase(), v.transform((s) => s.split(";")[0]!.trim()), v.minLength(3), v.maxLength(255));

export const UploadInput = v.pipe(
  v.strictObject({
    filename: Text(255),
    content_type: MediaType,
    size: v.pipe(v.number(), v.integer(), v.minValue(1, "An empty file is not a document")),
    sha256: v.pipe(v.string(), v.regex(/^[0-9a-fA-F]{64}$/, "Expected the SHA-256 of the file as 64 hex digits"), v.toLowerCase()),
    kind: v.optional(v.picklist(FILE_KINDS), "document"),
  }),
  v.description(
    "`content_type` must be one of the stage's document types (PDF, Word, Excel, PNG, JPEG, plain text; else 415 listing them in `allowed`), and `size` at most the stage's upload limit (25 MB; else 413 with `max_bytes`).",
  ),
);
export type UploadInput = v.InferInput<typeof UploadInput>;

export const ListQuery = v.strictObject(PageQuery.entries);
export type ListQuery = v.InferInput<typeof ListQuery>;

type Stored = StoredFile;
const present = (file: Stored): File => publicView(file);

const notFound = (contractId: string, fileId: string) =>
  new DomainError("file.not_found", `Contract ${contractId} has no file ${fileId}.`, { contract_id: contractId, file_id: fileId });

async function load(contractId: string, fileId: string): Promise<Stored> {
  const ids = { contract_id: parse(ContractId, contractId), file_id: parse(FileId, fileId) };
  const { data } = await FileEntity.get(ids).go({ consistent: true });
  if (!data) throw notFound(contractId, fileId);
  return data;
}

/** A document of an existing contract: a deleted contract's documents are out of reach until it is restored. */
async function loadOfContract(contractId: string, fileId: string): Promise<Stored> {
  const [file] = await Promise.all([load(contractId, fileId), Contract.load(contractId)]);
  return file;
}

export const get = async (contractId: string, fileId: string): Promise<File> => present(await loadOfContract(contractId, fileId));

/**
 * A terminated contract's documents are a closed record. While a termination
 * is pending, documents may still be added (the termination letter, the
 * signed agreement) but none may be removed.
 */
const ACCEPTS_UPLOADS: readonly string[] = ["ACTIVE", "SUSPENDED", "PENDING_TERMINATION"];
const ACCEPTS_DELETES: readonly string[] = ["ACTIVE", "SUSPENDED"];

function readOnly(contract: Contract.Stored, change: "added" | "removed"): DomainError {
  return new DomainError("contract.read_only", `Contract ${contract.contract_id} is ${contract.status}: its documents can no longer be ${change}.`, {
    status: contract.status,
  });
}

/** Refuses a type or size the stage does not accept, before anything is written. */
function checkLimits(contentType: string, size: number) {
  const { allowedContentTypes, maxUploadBytes } = settings();
  if (!allowedContentTypes.includes(contentType)) {
    throw new DomainError("request.unsupported_media_type", `Documents of type ${contentType} are not accepted.`, { allowed: allowedContentTypes });
  }
  if (size > maxUploadBytes) {
    throw new DomainError("request.too_large", `Documents are limited to ${maxUploadBytes} bytes.`, { max_bytes: maxUploadBytes });
  }
}

/** Records a PENDING file, conditioned on the contract still accepting documents (same transaction). */
async function createPending(contractId: string, input: v.InferOutput<typeof UploadInput>): Promise<Stored> {
  checkLimits(input.content_type, input.size);
  const contract = await Contract.load(contractId);
  if (!ACCEPTS_UPLOADS.includes(contract.status)) throw readOnly(contract, "added");
  const now = new Date().toISOString();
  const fileId = newId("FI");
  const file: Stored = {
    file_id: fileId,
    contract_id: contract.contract_id,
    object_key: objectKey(contract.contract_id, fileId),
    filename: displayName(input.filename),
    content_type: input.content_type,
    size: input.size,
    sha256: input.sha256,
    kind: input.kind,
    status: "PENDING",
    uploaded_by: currentActor().id,
    created_at: now,
    updated_at: now,
  };
  await recordChange({
    trail: file.contract_id,
    entity: "file",
    entity_id: fileId,
    action: "file.upload_granted",
    after: present(file),
    at: now,
    entities: { contract: ContractEntity, file: FileEntity },
    writes: ({ contract: contracts, file: files }) => [
      contracts
        .check({ contract_id: contract.contract_id })
        .where(({ status }, { eq }) => ACCEPTS_UPLOADS.map((s) => eq(status, s)).join(" OR "))
        .commit(),
      files.create(file).commit(),
    ],
    explain: async () => readOnly(await Contract.load(contractId), "added"),
  });
  return file;
}

/**
 * Grants one upload straight to S3: a PENDING file and a short-lived PUT bound
 * to its key, type, exact size and SHA-256. The file becomes AVAILABLE only
 * once the landed object has been checked (`verify`).
 */
export async function requestUpload(contractId: string, raw: UploadInput): Promise<UploadGrant> {
  const input = parse(UploadInput, raw);
  const file = await createPending(contractId, input);
  const sha256Base64 = Buffer.from(file.sha256, "hex").toString("base64");
  const upload = await s3.presignUpload(inFiles(file), { contentType: file.content_type, size: file.size, sha256Base64 }, UPLOAD_URL_SECONDS);
  return { file: present(file), upload };
}

/** Types a client sends when it does not know better; the content decides then. */
const GENERIC_TYPES = ["", "application/octet-stream", "binary/octet-stream"];

/**
 * A small document sent through the API: checked before anything is stored,
 * then stored and verified exactly like a direct upload.
 */
export async function store(contractId: string, input: { filename: string; content_type: string; kind?: string; bytes: Uint8Array }): Promise<File> {
  const bytes = Buffer.from(input.bytes);
  const detected = detectContentType(bytes);
  const declared = parse(v.union([v.literal(""), MediaType]), input.content_type);
  const contentType = GENERIC_TYPES.includes(declared) ? (detected ?? declared) : declared;
  if (detected !== contentType) {
    throw new DomainError("request.unsupported_media_type", `The content is not ${contentType}.`, { detected: detected ?? "unknown" });
  }
  const file = await createPending(
    contractId,
    parse(UploadInput, { filename: input.filename, content_type: contentType, size: bytes.length, sha256: sha256Hex(bytes), kind: input.kind }),
  );
  await s3.write(inFiles(file), bytes, file.content_type);
  await verify(file.object_key);
  return get(file.contract_id, file.file_id);
}

/** A contract's documents, newest first. */
export async function list(contractId: string, raw: ListQuery = {}): Promise<Page<File>> {
  const query = parse(ListQuery, raw);
  const contract = await Contract.load(contractId);
  const result = await withCursor(query.cursor, (cursor) =>
    FileEntity.query.byContract({ contract_id: contract.contract_id }).go({ order: "desc", limit: query.limit, cursor }),
  );
  return { items: result.data.map(present), next_cursor: result.cursor };
}

/**
 * A short-lived GET for the document, which downloads under its original name.
 * A deleted document is served from the archives, to admins only.
 */
export async function downloadLink(contractId: string, fileId: string): Promise<DownloadLink> {
  const file = await loadOfContract(contractId, fileId);
  let at: Location;
  if (file.status === "AVAILABLE") at = inFiles(file);
  else if (file.status === "DELETED") {
    if (!can(currentActor(), "admin")) throw new DomainError("auth.forbidden", "Only an admin may download a deleted document.");
    at = inArchives(file);
  } else {
    throw new DomainError("file.not_available", `File ${fileId} is ${file.status}.`, { status: file.status, rejection_reason: file.rejection_reason });
  }
  const download = await s3.presignDownload(at, { contentType: file.content_type, contentDisposition: contentDisposition(file.filename) }, DOWNLOAD_URL_SECONDS);
  return { file: present(file), download };
}

/** Why a file cannot be deleted (now): it is gone already (404), or not in a state that can be deleted (409). */
function notDeletable(file: Stored): DomainError {
  if (file.status === "DELETED") {
    return new DomainError("file.not_found", `File ${file.file_id} was deleted at ${file.deleted_at}.`, { contract_id: file.contract_id, file_id: file.file_id });
  }
  return new DomainError("file.not_available", `File ${file.file_id} is ${file.status} and cannot be deleted.`, { status: file.status });
}

/**
 * Deleting never loses a document: the object moves to the archives bucket
 * first, then the file is marked DELETED (audited); a delete of a deleted
 * file finishes one that was interrupted, and answers 404. Of concurrent
 * deletes of one file, one wins (204); the others find it gone (404) or
 * moving (409), never a 500.
 * A loser's copy can fail because the winner removed the original meanwhile
 * (S3 says NoSuchKey; a local stand-in may say otherwise): the file is read
 * again, and only a copy of a file still there is an error.
 */
export async function remove(contractId: string, fileId: string): Promise<void> {
  const file = await load(contractId, fileId);
  if (file.status === "DELETED") {
    // A delete that stopped between its transaction and removing the original is finished here; the file is gone all the same.
    await s3.remove(inFiles(file));
    throw notDeletable(file);
  }
  if (IMMUTABLE_KINDS.includes(file.kind)) {
    throw new DomainError("file.immutable", `File ${fileId} is a ${file.kind}, a record that is kept as written.`, { kind: file.kind });
  }
  if (file.status !== "AVAILABLE") throw notDeletable(file);
  const contract = await Contract.load(contractId);
  if (!ACCEPTS_DELETES.includes(contract.status)) throw readOnly(contract, "removed");
  await s3.copy(inFiles(file), inArchives(file)).catch(async (error: unknown) => {
    const now = await load(contractId, fileId);
    throw now.status === "AVAILABLE" ? error : notDeletable(now);
  });
  const now = new Date().toISOString();
  const next: Stored = { ...file, status: "DELETED", deleted_at: now, deleted_by: currentActor().id, updated_at: now };
  await recordChange({
    trail: file.contract_id,
    entity: "file",
    entity_id: fileId,
    action: "file.deleted",
    before: present(file),
    after: present(next),
    at: now,
    entities: { contract: ContractEntity, file: FileEntity },
    writes: ({ contract: contracts, file: files }) => [
      contracts
        .check({ contract_id: contract.contract_id })
        .where(({ status }, { eq }) => ACCEPTS_DELETES.map((s) => eq(status, s)).join(" OR "))
        .commit(),
      files
        .put(next)
        .where(({ status }, { eq }) => eq(status, "AVAILABLE"))
        .commit(),
    ],
    explain: async (reasons) => (reasons[0]?.rejected ? readOnly(await Contract.load(contractId), "removed") : notDeletable(await load(contractId, fileId))),
  });
  await s3.remove(inFiles(file));
}

export { verify, reconcilePending, type Verdict } from "./verify";
export { archiveContract } from "./archive";
export { storeGenerated, IMMUTABLE_KINDS } from "./generated";
export { returnContract, withdrawContract } from "./withdrawn";
export { objectKey, UPLOAD_URL_SECONDS } from "./objects";
