import { createHash } from "node:crypto";
import { Resource } from "sst";
import { settings } from "../config";
import { ContractEntity } from "../contract/entity";
import { FileEntity } from "./entity";
import { recordChange } from "../outbox/change";
import { DomainError } from "../error";
import { log } from "../log";
import { metric } from "../metric";
import { archiveFile } from "./archive";
import { withdrawFile } from "./withdrawn";
import { detectContentType } from "./content-type";
import { publicView, type StoredFile } from "./entity";
import { DOWNLOADS_PREFIX, IMPORTS_PREFIX } from "./layout";
import { idsOfKey, inFiles, UPLOAD_URL_SECONDS } from "./objects";
import * as s3 from "../object-store";

export type Verdict = "available" | "rejected" | "ignored";

export const sha256Hex = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** Why a landed object is not the document that was declared, if it is not. */
function mismatch(file: StoredFile, bytes: Buffer): string | null {
  if (bytes.length !== file.size) return `size_mismatch: declared ${file.size} bytes, received ${bytes.length}`;
  if (bytes.length > settings().maxUploadBytes) return "too_large";
  if (sha256Hex(bytes) !== file.sha256) return "checksum_mismatch";
  const detected = detectContentType(bytes);
  if (detected !== file.content_type) return `content_type_mismatch: declared ${file.content_type}, content is ${detected ?? "not an accepted type"}`;
  return null;
}

/** Moves a PENDING file to its verdict with its audit entry; false if someone else settled it first. */
async function settle(file: StoredFile, status: "AVAILABLE" | "REJECTED", reason?: string, from: "PENDING" | "AVAILABLE" = "PENDING"): Promise<boolean> {
  const now = new Date().toISOString();
  const next: StoredFile = { ...file, status, rejection_reason: reason, updated_at: now };
  const action = status === "AVAILABLE" ? "file.available" : "file.rejected";
  try {
    await recordChange({
      trail: file.contract_id,
      entity: "file",
      entity_id: file.file_id,
      action,
      before: publicView(file),
      after: publicView(next),
      at: now,
      entities: { file: FileEntity },
      writes: ({ file: files }) => [
        files
          .put(next)
          .where(({ status }, { eq }) => eq(status, from as StoredFile["status"]))
          .commit(),
      ],
      explain: () => new DomainError("file.already_settled", `File ${file.file_id} is no longer ${from}.`),
    });
    return true;
  } catch (error) {
    if (error instanceof DomainError && error.code === "file.already_settled") return false;
    throw error;
  }
}

/**
 * The File Handler's check of an object that landed in the files bucket:
 * size, SHA-256 and content type by magic bytes against what was declared.
 * A match makes the file AVAILABLE; anything else is REJECTED and the object
 * deleted. Safe to run any number of times per object (events repeat).
 */
export async function verify(key: string): Promise<Verdict> {
  // A spreadsheet for an import (its upload signed with its size and checksum) or an export offered as a link is no document.
  if (key.startsWith(IMPORTS_PREFIX) || key.startsWith(DOWNLOADS_PREFIX)) return "ignored";
  const ids = idsOfKey(key);
  const stray = { bucket: Resource.Files.name, key };
  if (!ids) {
    log.warn("object outside the document layout removed", { key });
    await s3.remove(stray);
    return "rejected";
  }
  const { data: file } = await FileEntity.get(ids).go({ consistent: true });
  if (!file) {
    // Nobody was granted this key: whatever landed there is not a document of ours.
    log.warn("object without a granted upload removed", { key });
    await s3.remove(stray);
    return "rejected";
  }
  if (file.status === "REJECTED") {
    await s3.remove(inFiles(file)); // finishes a rejection that was interrupted
    return "rejected";
  }
  if (file.status === "AVAILABLE") return reverify(file);
  if (file.status !== "PENDING") return "ignored";
  const object = await s3.read(inFiles(file), file.size);
  if (!object) return "ignored"; // not there (yet); the pending sweep looks again
  const reason = "tooLarge" in object ? `size_mismatch: declared ${file.size} bytes, received ${object.tooLarge}` : mismatch(file, object.bytes);
  if (reason) {
    if (await settle(file, "REJECTED", reason)) {
      log.warn("upload rejected", { file_id: file.file_id, contract_id: file.contract_id, reason });
      metric("FileRejected");
    }
    await s3.remove(inFiles(file));
    return "rejected";
  }
  if (!(await settle(file, "AVAILABLE"))) return "ignored";
  // The contract may have ended, or been deleted, while this upload was on its way: treat it like the others.
  const { data: contract } = await ContractEntity.get({ contract_id: file.contract_id }).go({ consistent: true });
  if (contract?.status === "TERMINATED") await archiveFile({ ...file, status: "AVAILABLE" });
  if (!contract) await withdrawFile(file);
  return "available";
}

/** Grace after a granted upload expires before a file that never arrived is given up. */
const ARRIVAL_GRACE_SECONDS = 60;

/**
 * An object landed where a verified document is: the same bytes again (a
 * repeated event) change nothing; anything else means its upload URL was used
 * again and the document was replaced. The local S3 server does not enforce
 * the signed checksum, and a checksum alone does not stop a second PUT, so
 * every landing is checked: a replaced document is withdrawn (REJECTED, the
 * object deleted), never served as the one that was verified.
 */
async function reverify(file: StoredFile): Promise<Verdict> {
  const object = await s3.read(inFiles(file), file.size);
  if (!object) return "ignored";
  const reason = "tooLarge" in object ? `size_mismatch: ${object.tooLarge} bytes` : mismatch(file, object.bytes);
  if (!reason) return "ignored";
  if (await settle(file, "REJECTED", `replaced_after_verification: ${reason}`, "AVAILABLE")) {
    log.error("a verified document was replaced; withdrawn", { file_id: file.file_id, contract_id: file.contract_id, reason });
    metric("FileRejected");
  }
  await s3.remove(inFiles(file));
  return "rejected";
}

/**
 * Settles uploads whose event was lost: a PENDING file whose object exists is
 * verified; one whose upload grant expired without an object is REJECTED.
 */
export async function reconcilePending(now = Date.now()): Promise<Record<Verdict, number>> {
  const counts: Record<Verdict, number> = { available: 0, rejected: 0, ignored: 0 };
  let cursor: string | null = null;
  do {
    const page: { data: StoredFile[]; cursor: string | null } = await FileEntity.query.byStatus({ status: "PENDING" }).go({ cursor, limit: 100 });
    for (const file of page.data) {
      if ((await s3.sizeOf(inFiles(file))) !== null) counts[await verify(file.object_key)]++;
      else if (Date.parse(file.created_at) + (UPLOAD_URL_SECONDS + ARRIVAL_GRACE_SECONDS) * 1000 < now) {
        const rejected = await settle(file, "REJECTED", "not_uploaded");
        if (rejected) metric("FileRejected");
        counts[rejected ? "rejected" : "ignored"]++;
      }
    }
    cursor = page.cursor;
  } while (cursor);
  return counts;
}

