import { FileEntity } from "./entity";
import { recordChange } from "../outbox/change";
import { DomainError } from "../error";
import { ContractId } from "../schema";
import { parse } from "../validation";
import { IMPORTANT_KINDS, type StoredFile } from "./entity";
import { inArchives, inBackups, inFiles } from "./objects";
import * as s3 from "../object-store";

/** Copies one document of an ended contract to the archives (and backups, if important), once. */
export async function archiveFile(file: StoredFile): Promise<void> {
  const source = file.status === "DELETED" ? inArchives(file) : inFiles(file);
  if (file.status === "AVAILABLE") await s3.copy(source, inArchives(file));
  const backedUp = IMPORTANT_KINDS.includes(file.kind);
  if (backedUp) await s3.copy(source, inBackups(file));
  const now = new Date().toISOString();
  try {
    await recordChange({
      trail: file.contract_id,
      entity: "file",
      entity_id: file.file_id,
      action: "file.archived",
      after: { archived_at: now, backed_up: backedUp },
      at: now,
      entities: { file: FileEntity },
      writes: ({ file: files }) => [
        files
          .patch({ contract_id: file.contract_id, file_id: file.file_id })
          .set({ archived_at: now, updated_at: now })
          .where(({ archived_at }, { notExists }) => notExists(archived_at))
          .commit(),
      ],
      explain: () => new DomainError("file.already_settled", `File ${file.file_id} is already archived.`),
    });
  } catch (error) {
    if (!(error instanceof DomainError && error.code === "file.already_settled")) throw error;
  }
}

/**
 * Seam for the termination processor: once a contract is TERMINATED, copy
 * each of its documents to the archives bucket, important ones to the backups
 * bucket too. Idempotent: files already archived are skipped, copies repeat
 * harmlessly; a file still PENDING is archived by `verify` when it lands.
 */
export async function archiveContract(contractId: string): Promise<void> {
  const id = parse(ContractId, contractId);
  let cursor: string | null = null;
  do {
    // The contract's own partition, read strongly: no document that became AVAILABLE before this read is missed.
    const page: { data: StoredFile[]; cursor: string | null } = await FileEntity.query.byId({ contract_id: id }).go({ cursor, limit: 100, consistent: true });
    for (const file of page.data) {
      if (!file.archived_at && (file.status === "AVAILABLE" || file.status === "DELETED")) await archiveFile(file);
    }
    cursor = page.cursor;
  } while (cursor);
}
