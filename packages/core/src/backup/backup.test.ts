import { DeleteTableCommand, ScanCommand } from "@aws-sdk/client-dynamodb";
import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aClient, aContract, as, editor } from "#test/fixtures";
import { ensureBuckets, ensureTable, useOwnTable } from "#test/local";
import * as Audit from "../audit";
import { systemActor } from "../context";
import * as Contract from "../contract";
import { dynamo } from "../db/dynamo";
import { db } from "../entities";
import { DomainError } from "../error";
import { exportTable, readManifest, restoreContract, restoreTable, type Manifest } from "./index";
import { manifestKey, overallChecksum, sha256 } from "./manifest";

// Every export reads a whole table: a small one of this file's own, not the run's shared table.
const ownTable = await useOwnTable("backup-test");
const s3 = new S3Client({ forcePathStyle: true });
const bucket = `backup-test-${Date.now().toString(36)}`;
const tables: string[] = [];
const operator = { id: "operator-test", roles: ["admin"] };

async function freshTable(): Promise<string> {
  const name = `restore-test-${Date.now().toString(36)}-${tables.length}`;
  await ensureTable(dynamo, name);
  tables.push(name);
  return name;
}

const itemsIn = async (table: string) => (await dynamo.send(new ScanCommand({ TableName: table }))).Items ?? [];

async function exportOf(table?: string, options: Parameters<typeof exportTable>[0] = {}): Promise<Manifest> {
  const result = await exportTable({ table, bucket, ...options });
  if (!result.complete) throw new Error("export did not complete");
  return result.manifest;
}

/** Rewrites one part of an export and fixes its manifest, so only the content check can notice. */
async function rewritePart(manifest: Manifest, change: (body: Buffer) => Buffer): Promise<void> {
  const part = manifest.parts[0]!;
  const reply = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: part.key }));
  const body = change(Buffer.from(await reply.Body!.transformToByteArray()));
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: part.key, Body: body }));
  part.bytes = body.length;
  part.sha256 = sha256(body);
  manifest.sha256 = overallChecksum(manifest.parts);
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: manifestKey(manifest.export_id), Body: JSON.stringify(manifest) }));
}

beforeAll(async () => {
  await ensureBuckets(s3, [bucket]);
});

afterAll(async () => {
  await Promise.all([...tables, ownTable].map((TableName) => dynamo.send(new DeleteTableCommand({ TableName }))));
});

describe("a table export", () => {
  it("restored into an empty table, exports again to the same items, counted per entity", async () => {
    const client = await aClient();
    const contract = await aContract(client.client_id);
    const source = await exportOf(undefined, { partBytes: 64 * 1024 });
    expect(source.parts.length).toBeGreaterThan(1);

    const copy = await freshTable();
    const restored = await as(operator, () => restoreTable(source.export_id, { table: copy, bucket }));
    const again = await exportOf(copy);

    expect(restored.items).toBe(source.item_count);
    // The copy also holds the entry that audits the restore itself.
    expect(again.entities).toEqual({ ...source.entities, audit: source.entities.audit! + 1 });
    const { data } = await db.entities.contract.get({ contract_id: contract.contract_id }).go({ table: copy });
    expect(data).toEqual(contract);
    const trail = await db.entities.audit.query.byTrail({ trail: contract.contract_id }).go({ table: copy });
    expect(trail.data.map((e) => e.action)).toEqual(["contract.created"]);
  });

  it("restored, carries the same items checksum as its source", async () => {
    const source = await exportOf();
    const copy = await freshTable();
    await as(operator, () => restoreTable(source.export_id, { table: copy, bucket }));
    // Drop the restore's own audit entry, then the copy is the source, item for item.
    const { data } = await db.entities.audit.query.byTrail({ trail: "table" }).go({ table: copy });
    await Promise.all(data.map((entry) => db.entities.audit.delete(entry).go({ table: copy })));
    const again = await exportOf(copy);
    expect(again.item_count).toBe(source.item_count);
    expect(again.items_sha256).toBe(source.items_sha256);
  });

  it("is not restored into a table that holds items, unless forced", async () => {
    const source = await exportOf();
    const copy = await freshTable();
    await as(operator, () => restoreTable(source.export_id, { table: copy, bucket }));
    const refused = await as(operator, () => restoreTable(source.export_id, { table: copy, bucket })).catch((e) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused.code).toBe("restore.table_not_empty");
    await expect(as(operator, () => restoreTable(source.export_id, { table: copy, bucket, force: true }))).resolves.toBeTruthy();
  });

  it("that runs out of time stops at a part boundary and resumes to the same items", async () => {
    const client = await aClient();
    for (let i = 0; i < 5; i++) await aContract(client.client_id);
    const source = await exportOf();
    const copy = await freshTable();
    await as(operator, () => restoreTable(source.export_id, { table: copy, bucket }));
    const whole = await exportOf(copy);
    // The copy holds everything the run's tests wrote so far: parts sized to it keep the runs about 30, whatever its size.
    const pageItems = Math.max(3, Math.ceil(whole.item_count / 30));

    let result = await exportTable({ table: copy, bucket, segments: 2, pageItems, remainingMs: () => 0 });
    let runs = 1;
    while (!result.complete) {
      expect(await readManifest(bucket, result.export_id)).toBeNull();
      result = await exportTable({ resume: result.export_id, bucket, pageItems, remainingMs: () => 0 });
      runs++;
    }
    expect(runs).toBeGreaterThan(2);
    expect(result.manifest.item_count).toBe(whole.item_count);
    expect(result.manifest.items_sha256).toBe(whole.items_sha256);
  });
});

describe("a corrupt export", () => {
  async function expectRejected(change: (body: Buffer) => Buffer, message: RegExp) {
    const source = await exportOf(undefined, { segments: 1 });
    await rewritePart(source, change);
    const empty = await freshTable();
    const error = await as(operator, () => restoreTable(source.export_id, { table: empty, bucket })).catch((e) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe("backup.corrupt");
    expect(error.message).toMatch(message);
    expect(await itemsIn(empty)).toEqual([]);
  }

  it("whose part does not match its checksum is rejected and nothing is written", async () => {
    const source = await exportOf(undefined, { segments: 1 });
    const part = source.parts[0]!;
    const reply = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: part.key }));
    const body = Buffer.from(await reply.Body!.transformToByteArray());
    body[body.length - 20]! ^= 0xff;
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: part.key, Body: body }));
    const empty = await freshTable();
    const error = await as(operator, () => restoreTable(source.export_id, { table: empty, bucket })).catch((e) => e);
    expect(error.code).toBe("backup.corrupt");
    expect(error.message).toMatch(/does not match its checksum/);
    expect(await itemsIn(empty)).toEqual([]);
  });

  it("whose part is a truncated gzip stream is rejected and nothing is written", () =>
    expectRejected((body) => body.subarray(0, Math.floor(body.length / 2)), /not a complete gzip stream/));

  it("with a line that is not JSON is rejected and nothing is written", () =>
    expectRejected((body) => {
      const lines = gunzipSync(body).toString("utf8").split("\n");
      lines[Math.floor(lines.length / 2)] = '{"Item": {"pk": {"S": "x"}, ';
      return gzipSync(lines.join("\n"));
    }, /line \d+ of part .* is not JSON/));

  it("that is not one is named as such", async () => {
    const error = await as(operator, () => restoreTable("2020-01-01T000000000Z-none", { table: "unused", bucket })).catch((e) => e);
    expect(error.code).toBe("backup.not_found");
  });
});

describe("restoring one contract", () => {
  it("brings a deleted contract back with its audit trail, counted for its client again, and audits the restore", async () => {
    const client = await aClient();
    const contract = await aContract(client.client_id);
    const updated = await as(editor, () => Contract.update(contract.contract_id, { title: "Renewed support" }, 1));
    const source = await exportOf();
    await as(editor, () => Contract.remove(contract.contract_id, 2));

    const result = await as(operator, () => restoreContract(source.export_id, contract.contract_id, { bucket }));

    expect(result.written).toBe(1);
    expect(await Contract.get(contract.contract_id)).toEqual(updated);
    const { data: owner } = await db.entities.client.get({ client_id: client.client_id }).go();
    expect(owner?.contract_count).toBe(1);
    const trail = await Audit.trail(contract.contract_id, { limit: 10 });
    expect(trail.items.map((e) => e.action)).toEqual(["contract.restored", "contract.deleted", "contract.updated", "contract.created"]);
    expect(trail.items[0]!.actor).toBe(operator.id);
  });

  it("from `latest` ignores an export that never finished", async () => {
    const client = await aClient();
    const contract = await aContract(client.client_id);
    const finished = await exportOf();
    const unfinished = await exportTable({ bucket, pageItems: 1, remainingMs: () => 0 });
    expect(unfinished.complete).toBe(false);
    await as(editor, () => Contract.remove(contract.contract_id, 1));

    const result = await as(operator, () => restoreContract("latest", contract.contract_id, { bucket }));

    expect(result.source).toBe(`export ${finished.export_id}`);
  });

  it("from the latest export that holds it", async () => {
    const client = await aClient();
    const contract = await aContract(client.client_id);
    await exportOf();
    await as(editor, () => Contract.remove(contract.contract_id, 1));
    const result = await as(systemActor("db-manager"), () => restoreContract("latest", contract.contract_id, { bucket }));
    expect(result.source).toMatch(/^export /);
    expect((await Contract.get(contract.contract_id)).version).toBe(1);
  });

  it("refuses to overwrite newer data, and writes nothing", async () => {
    const client = await aClient();
    const contract = await aContract(client.client_id);
    const source = await exportOf();
    const newer = await as(editor, () => Contract.update(contract.contract_id, { value: 20_000 }, 1));

    const error = await as(operator, () => restoreContract(source.export_id, contract.contract_id, { bucket })).catch((e) => e);

    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe("restore.newer_data");
    expect(await Contract.get(contract.contract_id)).toEqual(newer);
    const trail = await Audit.trail(contract.contract_id, { limit: 10 });
    expect(trail.items.map((e) => e.action)).toEqual(["contract.updated", "contract.created"]);
  });

  it("overwrites newer data when forced", async () => {
    const client = await aClient();
    const contract = await aContract(client.client_id);
    const source = await exportOf();
    await as(editor, () => Contract.update(contract.contract_id, { value: 20_000 }, 1));
    await as(operator, () => restoreContract(source.export_id, contract.contract_id, { bucket, force: true }));
    expect(await Contract.get(contract.contract_id)).toEqual(contract);
  });

  it("refuses a contract whose client no longer exists, and writes nothing", async () => {
    const client = await aClient();
    const contract = await aContract(client.client_id);
    const source = await exportOf();
    const empty = await freshTable();

    const error = await as(operator, () => restoreContract(source.export_id, contract.contract_id, { bucket, table: empty })).catch((e) => e);

    expect(error.code).toBe("restore.client_missing");
    expect(await itemsIn(empty)).toEqual([]);
  });

  it("from a corrupt export is refused, and writes nothing", async () => {
    const client = await aClient();
    const contract = await aContract(client.client_id);
    const source = await exportOf(undefined, { segments: 1 });
    await rewritePart(source, (body) => body.subarray(0, body.length - 8));
    await as(editor, () => Contract.remove(contract.contract_id, 1));

    const error = await as(operator, () => restoreContract(source.export_id, contract.contract_id, { bucket })).catch((e) => e);

    expect(error.code).toBe("backup.corrupt");
    await expect(Contract.get(contract.contract_id)).rejects.toMatchObject({ code: "contract.not_found" });
  });

  it("from its latest backup object restores the contract and what else the object names", async () => {
    const client = await aClient();
    const contract = await aContract(client.client_id);
    const key = (version: number) => `contracts/${contract.contract_id}/${version}.json`;
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key(1), Body: JSON.stringify({ before: { ...contract, title: "Old" } }) }));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key(2), Body: JSON.stringify({ before: contract, written_at: "2026-01-01" }) }));
    await as(editor, () => Contract.remove(contract.contract_id, 1));

    const result = await as(operator, () => restoreContract("backup", contract.contract_id, { bucket }));

    expect(result.source).toBe(`backup ${key(2)}`);
    expect(await Contract.get(contract.contract_id)).toEqual(contract);
  });
});
