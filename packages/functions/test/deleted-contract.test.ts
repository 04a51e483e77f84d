import { HeadObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { Resource } from "sst";
import { describe, expect, it } from "vitest";
import { File, systemActor } from "@testex/core";
import { restoreContract } from "@testex/core/backup/restore";
import { db } from "@testex/core/entities";
import { pdf } from "#test/samples";
import { as, editor, uniqueEmail } from "#test/fixtures";
import { call } from "#test/api";
import { processEventsOf } from "./termination/fixtures";

const s3 = new S3Client({ forcePathStyle: true });
const exists = (bucket: string, key: string) =>
  s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key })).then(
    () => true,
    () => false,
  );

/** A contract with one document, then deleted (and its deletion's effects run, as the stream would). */
async function deletedWithDocument() {
  const client = await call("POST", "/api/clients", { as: "editor", body: { name: "Acme", email: uniqueEmail() } });
  const created = await call("POST", "/api/contracts", {
    as: "editor",
    body: { client_id: client.body.client_id, title: "Supply", contract_type: "SUPPLY", start_date: "2026-01-01", end_date: "2027-12-31", value: 1000 },
  });
  const contractId: string = created.body.contract_id;
  const file = await as(editor, () => File.store(contractId, { filename: "signed.pdf", content_type: "application/pdf", bytes: pdf() }));
  const { data: stored } = await db.entities.contract.get({ contract_id: contractId }).go();
  expect((await call("DELETE", `/api/contracts/${contractId}`, { as: "admin", headers: { "if-match": '"1"' } })).status).toBe(204);
  expect((await processEventsOf(contractId)).batchItemFailures).toEqual([]);
  return { contractId, fileId: file.file_id, key: File.objectKey(contractId, file.file_id), stored: stored! };
}

describe("deleting a contract", () => {
  it("moves its documents to the archives, audited, and no link reaches them afterwards", async () => {
    const { contractId, fileId, key } = await deletedWithDocument();

    expect(await exists(Resource.Files.name, key)).toBe(false);
    expect(await exists(Resource.Archives.name, key)).toBe(true);
    const link = await call("GET", `/api/contracts/${contractId}/files/${fileId}`, { as: "admin" });
    expect(link.status).toBe(404);
    expect(link.body.code).toBe("contract.not_found");
    const trail = await call("GET", `/api/contracts/${contractId}/audit`, { as: "viewer" });
    expect(trail.body.items.map((e: { action: string }) => e.action).slice(0, 2)).toEqual(["file.withdrawn", "contract.deleted"]);
  });

  it("and restoring it brings its documents back", async () => {
    const { contractId, fileId, key, stored } = await deletedWithDocument();
    // The contract's backup object, as one written before the term model holds it (no renewal, no notice deadline).
    const { renewal: _renewal, notice_deadline: _deadline, ...before } = stored;
    await s3.send(new PutObjectCommand({ Bucket: Resource.Backups.name, Key: `contracts/${contractId}/1.json`, Body: JSON.stringify({ contract: before }) }));

    await as(systemActor("db-manager"), () => restoreContract("backup", contractId));
    expect((await processEventsOf(contractId)).batchItemFailures).toEqual([]);

    expect(await exists(Resource.Files.name, key)).toBe(true);
    expect((await call("GET", `/api/contracts/${contractId}`, { as: "viewer" })).body).toMatchObject({ renewal: "NONE", notice_deadline: "2027-12-01" });
    const link = await call("GET", `/api/contracts/${contractId}/files/${fileId}`, { as: "viewer" });
    expect(link.status).toBe(200);
    expect((await fetch(link.body.download.url)).status).toBe(200);
    const trail = await call("GET", `/api/contracts/${contractId}/audit`, { as: "viewer" });
    expect(trail.body.items.map((e: { action: string }) => e.action).slice(0, 2)).toEqual(["file.returned", "contract.restored"]);
  });
});
