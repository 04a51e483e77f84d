import { currentActor } from "../context";
import { FileEntity } from "./entity";
import { recordChange } from "../outbox/change";
import { DomainError } from "../error";
import { publicView, type StoredFile } from "./entity";
import * as s3 from "../object-store";
import { inBackups, inFiles, objectKey } from "./objects";
import { sha256Hex, verify } from "./verify";

/** Documents the system writes as records: kept as written, never deleted. */
export const IMMUTABLE_KINDS: readonly string[] = ["termination_letter"];

const EXISTS = "file.exists";

/**
 * Stores a document TESTEX wrote itself (the termination letter) the way an
 * upload is stored, so the files bucket's own checks agree with it: a PENDING
 * record first (audited as `file.generated`), then the object (and its copy in
 * the backups bucket), then the same verification an upload gets, which makes
 * it AVAILABLE (and archives it if the contract has already ended). The caller
 * chooses the id and must give the same bytes on a retry; a retry then finishes
 * what an interrupted run began, and a stored document is returned unchanged.
 * Unlike an upload it does not ask the contract's status: a letter is written
 * when the contract is ending, or already ended.
 */
export async function storeGenerated(input: { contract_id: string; file_id: string; filename: string; content_type: string; kind: StoredFile["kind"]; bytes: Uint8Array }) {
  const { data: existing } = await FileEntity.get({ contract_id: input.contract_id, file_id: input.file_id }).go({ consistent: true });
  if (existing && existing.status !== "PENDING") return publicView(existing);
  const now = new Date().toISOString();
  const file: StoredFile = existing ?? {
    file_id: input.file_id,
    contract_id: input.contract_id,
    object_key: objectKey(input.contract_id, input.file_id),
    filename: input.filename,
    content_type: input.content_type,
    size: input.bytes.length,
    sha256: sha256Hex(input.bytes),
    kind: input.kind,
    status: "PENDING",
    uploaded_by: currentActor().id,
    created_at: now,
    updated_at: now,
  };
  if (!existing) await createPending(file, now);
  await s3.write(inFiles(file), input.bytes, file.content_type);
  await s3.write(inBackups(file), input.bytes, file.content_type);
  const verdict = await verify(file.object_key);
  const { data: stored } = await FileEntity.get({ contract_id: file.contract_id, file_id: file.file_id }).go({ consistent: true });
  if (stored?.status !== "AVAILABLE") throw new Error(`Generated file ${file.file_id} is ${stored?.status ?? "missing"} after verification (${verdict})`);
  return publicView(stored);
}

async function createPending(file: StoredFile, now: string): Promise<void> {
  try {
    await recordChange({
      trail: file.contract_id,
      entity: "file",
      entity_id: file.file_id,
      action: "file.generated",
      after: publicView(file),
      at: now,
      entities: { file: FileEntity },
      writes: ({ file: files }) => [files.create(file).commit()],
      explain: () => new DomainError(EXISTS, `File ${file.file_id} exists.`),
    });
  } catch (error) {
    if (!(error instanceof DomainError && error.code === EXISTS)) throw error;
  }
}
