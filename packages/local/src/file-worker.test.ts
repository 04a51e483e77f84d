import { CreateBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Resource } from "sst";
import { afterEach, describe, expect, it } from "vitest";
import { Client, Contract, File } from "@testex/core";
import { pdf, sha256 } from "#test/samples";
import { startFileWorker } from "./file-worker";
import { freePort } from "@testex/aws-local/process";
import { s3Events } from "./s3-events";
import { startS3 } from "@testex/aws-local/stand-ins";
import { as, editor, uniqueEmail } from "#test/fixtures";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

/** A contract with one upload granted; `send` puts the bytes (which delivers no notification here). */
async function grantedUpload() {
  return as(editor, async () => {
    const client = await Client.create({ name: "Acme", email: uniqueEmail() });
    const contract = await Contract.create({ client_id: client.client_id, title: "Lease", contract_type: "LEASE", start_date: "2026-01-01", end_date: "2027-01-01", value: 10 });
    const document = pdf();
    const grant = await File.requestUpload(contract.contract_id, { filename: "lease.pdf", content_type: "application/pdf", size: document.length, sha256: sha256(document) });
    const send = async () => expect((await fetch(grant.upload.url, { method: "PUT", headers: grant.upload.headers, body: document })).status).toBe(200);
    return { file: grant.file, send };
  });
}

describe("the local S3 stand-in", () => {
  it("reports a created object as an S3 event record, as S3 notifies the File Handler", async () => {
    const dir = mkdtempSync(join(tmpdir(), "testex-s3-"));
    const s3rver = await startS3({ port: await freePort(), dataDir: dir, onEvent: (event) => s3Events.emit("event", event) });
    cleanups.push(async () => {
      await s3rver.stop();
      rmSync(dir, { recursive: true, force: true });
    });
    const s3 = new S3Client({ endpoint: s3rver.endpoint, forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: "notified" }));
    const notified = new Promise((resolve) => s3Events.once("event", resolve));

    await s3.send(new PutObjectCommand({ Bucket: "notified", Key: "contracts/CT0001/FI0001", Body: "hello" }));

    expect(await notified).toMatchObject({
      Records: [{ eventName: "ObjectCreated:Put", s3: { bucket: { name: "notified" }, object: { key: "contracts/CT0001/FI0001", size: 5 } } }],
    });
  });
});

describe("the local file worker", () => {
  it("runs the File Handler on the stand-in's notifications", async () => {
    const { file, send } = await grantedUpload();
    cleanups.push(await startFileWorker());
    await send();

    s3Events.emit("event", { Records: [{ eventName: "ObjectCreated:Put", s3: { bucket: { name: Resource.Files.name }, object: { key: File.objectKey(file.contract_id, file.file_id) } } }] });

    await expect.poll(async () => (await File.get(file.contract_id, file.file_id)).status).toBe("AVAILABLE");
  });

  it("settles on start an upload that landed while nothing was listening", async () => {
    const { file, send } = await grantedUpload();
    await send();

    cleanups.push(await startFileWorker());

    await expect.poll(async () => (await File.get(file.contract_id, file.file_id)).status).toBe("AVAILABLE");
  });
});
