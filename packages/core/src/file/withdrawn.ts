import * as Audit from "../audit";
import { AuditEntity } from "../audit/entity";
import { FileEntity } from "./entity";
import { ContractId } from "../schema";
import { parse } from "../validation";
import type { StoredFile } from "./entity";
import * as s3 from "../object-store";
import { inArchives, inFiles } from "./objects";

/**
 * A deleted contract's documents leave the files bucket for the archives, so
 * no link can reach them; their records stay as they were, so restoring the
 * contract finds them unchanged and brings the objects back. Each move is
 * audited; both directions are idempotent (copies repeat harmlessly, and a
 * document already where it belongs is skipped).
 */
async function availableFiles(contractId: string): Promise<StoredFile[]> {
  // The contract's own partition, read strongly: no document that became AVAILABLE before this read is missed.
  const { data } = await FileEntity.query.byId({ contract_id: parse(ContractId, contractId) }).go({ pages: "all", consistent: true });
  return data.filter((file) => file.status === "AVAILABLE");
}

async function audited(file: StoredFile, action: "file.withdrawn" | "file.returned", reason: string): Promise<void> {
  await AuditEntity.put(Audit.record({ trail: file.contract_id, entity: "file", entity_id: file.file_id, action, after: { reason } })).go();
}

/** One document of a deleted contract, moved to the archives (the verification of a late upload calls it too). */
export async function withdrawFile(file: StoredFile): Promise<void> {
  if ((await s3.sizeOf(inFiles(file))) === null) return;
  await s3.copy(inFiles(file), inArchives(file));
  await audited(file, "file.withdrawn", "contract_deleted");
  await s3.remove(inFiles(file));
}

/** After a contract is deleted: every document it had moves to the archives bucket. */
export async function withdrawContract(contractId: string): Promise<number> {
  const files = await availableFiles(contractId);
  for (const file of files) await withdrawFile(file);
  return files.length;
}

/** After a deleted contract is restored: its documents come back from the archives bucket. */
export async function returnContract(contractId: string): Promise<number> {
  let returned = 0;
  for (const file of await availableFiles(contractId)) {
    if ((await s3.sizeOf(inFiles(file))) !== null || (await s3.sizeOf(inArchives(file))) === null) continue;
    await s3.copy(inArchives(file), inFiles(file));
    await audited(file, "file.returned", "contract_restored");
    returned++;
  }
  return returned;
}
