import * as Audit from "../audit";
import { currentActor } from "../context";
import { db } from "../db/service";
import { writeTransaction } from "../db/transaction";
import { DomainError } from "../error";
import { publicView, type StoredFile } from "./entity";
import { inBackups, inFiles, objectKey, storage } from "./objects";
import { sha256Hex } from "./verify";

/** Documents the system writes as records: kept as written, never deleted. */
export const IMMUTABLE_KINDS: readonly string[] = ["termination_letter"];

const EXISTS = "file.exists";

/**
 * Stores a document TESTEX wrote itself (the termination letter): AVAILABLE at
 * once, in the files bucket and backed up, audited. The caller chooses the id,
 * so storing the same document again returns the one already there, unchanged.
 * Unlike an upload it does not ask the contract's status: a letter is written
 * when the contract is ending, or already ended.
 */
export async function storeGenerated(input: { contract_id: string; file_id: string; filename: string; content_type: string; kind: StoredFile["kind"]; bytes: Uint8Array }) {
  const { data: existing } = await db.entities.file.get({ contract_id: input.contract_id, file_id: input.file_id }).go({ consistent: true });
  if (existing) return publicView(existing);
  const now = new Date().toISOString();
  const file: StoredFile = {
    file_id: input.file_id,
    contract_id: input.contract_id,
    object_key: objectKey(input.contract_id, input.file_id),
    filename: input.filename,
    content_type: input.content_type,
    size: input.bytes.length,
    sha256: sha256Hex(Buffer.from(input.bytes)),
    kind: input.kind,
    status: "AVAILABLE",
    uploaded_by: currentActor().id,
    created_at: now,
    updated_at: now,
  };
  const s3 = await storage();
  await s3.write(inFiles(file), input.bytes, file.content_type);
  await s3.write(inBackups(file), input.bytes, file.content_type);
  try {
    await writeTransaction(
      ({ file: files, audit }) => [
        files.create(file).commit(),
        audit.put(Audit.record({ trail: file.contract_id, entity: "file", entity_id: file.file_id, action: "file.generated", after: publicView(file) }, now)).commit(),
      ],
      () => new DomainError(EXISTS, `File ${file.file_id} exists.`),
    );
  } catch (error) {
    if (!(error instanceof DomainError && error.code === EXISTS)) throw error;
  }
  return publicView(file);
}
