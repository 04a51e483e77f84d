import { CopyObjectCommand, CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import type { S3Event } from "aws-lambda";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, type Running } from "./process";
import { startS3 } from "./stand-ins";

/** What S3 answered: its status and the error code in its XML body. */
const answer = async (response: Response) => ({ status: response.status, code: /<Code>([^<]+)<\/Code>/.exec(await response.text())?.[1] });
const sha256Base64 = (text: string) => createHash("sha256").update(text).digest("base64");

describe("the S3 stand-in checks what S3 checks", () => {
  const dir = mkdtempSync(join(tmpdir(), "testex-s3-checks-"));
  let s3rver: Running;
  let s3: S3Client;
  const client = (secretAccessKey: string) =>
    new S3Client({ endpoint: s3rver.endpoint, region: "us-east-1", forcePathStyle: true, credentials: { accessKeyId: "S3RVER", secretAccessKey } });
  const url = (path: string) => `${s3rver.endpoint}/checks/${path}`;

  beforeAll(async () => {
    s3rver = await startS3({ port: await freePort(), dataDir: dir });
    s3 = client("S3RVER");
    await s3.send(new CreateBucketCommand({ Bucket: "checks" }));
    await s3.send(new PutObjectCommand({ Bucket: "checks", Key: "kept.txt", Body: "kept" }));
  });
  afterAll(async () => {
    await s3rver?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("refuses unsigned reads and listings with 403 AccessDenied", async () => {
    expect(await answer(await fetch(url("kept.txt")))).toEqual({ status: 403, code: "AccessDenied" });
    expect(await answer(await fetch(`${s3rver.endpoint}/checks?list-type=2`))).toEqual({ status: 403, code: "AccessDenied" });
  });

  it("refuses a request signed with the wrong secret with 403 SignatureDoesNotMatch", async () => {
    await expect(client("not-the-secret").send(new GetObjectCommand({ Bucket: "checks", Key: "kept.txt" }))).rejects.toMatchObject({
      name: "SignatureDoesNotMatch",
      $metadata: { httpStatusCode: 403 },
    });
  });

  it("refuses an unknown access key with 403 InvalidAccessKeyId", async () => {
    const stranger = new S3Client({ endpoint: s3rver.endpoint, region: "us-east-1", forcePathStyle: true, credentials: { accessKeyId: "STRANGER", secretAccessKey: "S3RVER" } });
    await expect(stranger.send(new GetObjectCommand({ Bucket: "checks", Key: "kept.txt" }))).rejects.toMatchObject({ name: "InvalidAccessKeyId" });
  });

  it("serves a presigned URL, and refuses it tampered with or expired with 403", async () => {
    const signed = await getSignedUrl(s3, new GetObjectCommand({ Bucket: "checks", Key: "kept.txt" }), { expiresIn: 60 });
    expect(await (await fetch(signed)).text()).toBe("kept");
    expect(await answer(await fetch(signed.replace("kept.txt", "other.txt")))).toEqual({ status: 403, code: "SignatureDoesNotMatch" });
    const expired = await getSignedUrl(s3, new GetObjectCommand({ Bucket: "checks", Key: "kept.txt" }), { expiresIn: 60, signingDate: new Date(Date.now() - 3_600_000) });
    expect(await answer(await fetch(expired))).toEqual({ status: 403, code: "AccessDenied" });
  });

  it("checks signatures over keys and queries that need escaping (spaces, plus signs, unicode, a continued listing)", async () => {
    for (const key of ["a b/c+d.txt", "Zürich/東京.pdf", "x=y&z"]) await s3.send(new PutObjectCommand({ Bucket: "checks", Key: `odd/${key}`, Body: key }));
    const first = await s3.send(new ListObjectsV2Command({ Bucket: "checks", Prefix: "odd/", MaxKeys: 1 }));
    const rest = await s3.send(new ListObjectsV2Command({ Bucket: "checks", Prefix: "odd/", ContinuationToken: first.NextContinuationToken }));
    expect([...first.Contents!, ...rest.Contents!].map((object) => object.Key).sort()).toEqual(["odd/Zürich/東京.pdf", "odd/a b/c+d.txt", "odd/x=y&z"]);
  });

  it("refuses a body that does not match its x-amz-checksum-sha256 with 400 BadDigest, and stores nothing", async () => {
    await expect(
      s3.send(new PutObjectCommand({ Bucket: "checks", Key: "digest.txt", Body: "what arrived", ChecksumSHA256: sha256Base64("what was declared") })),
    ).rejects.toMatchObject({ name: "BadDigest", $metadata: { httpStatusCode: 400 } });
    await expect(s3.send(new GetObjectCommand({ Bucket: "checks", Key: "digest.txt" }))).rejects.toMatchObject({ name: "NoSuchKey" });
    await s3.send(new PutObjectCommand({ Bucket: "checks", Key: "digest.txt", Body: "what arrived", ChecksumSHA256: sha256Base64("what arrived") }));
  });

  it("creates an object with If-None-Match: * only while the key is free, and answers 412 PreconditionFailed after", async () => {
    await s3.send(new PutObjectCommand({ Bucket: "checks", Key: "once.txt", Body: "first", IfNoneMatch: "*" }));
    await expect(s3.send(new PutObjectCommand({ Bucket: "checks", Key: "once.txt", Body: "second", IfNoneMatch: "*" }))).rejects.toMatchObject({
      name: "PreconditionFailed",
      $metadata: { httpStatusCode: 412 },
    });
    const kept = await s3.send(new GetObjectCommand({ Bucket: "checks", Key: "once.txt" }));
    expect(await kept.Body!.transformToString()).toBe("first");
  });

  it("tells onEvent of each created object, in the shape S3 notifies a subscriber with", async () => {
    const events: S3Event[] = [];
    const notifying = await startS3({ port: await freePort(), dataDir: join(dir, "notifying"), onEvent: (event) => events.push(event) });
    try {
      const client = new S3Client({ endpoint: notifying.endpoint, region: "us-east-1", forcePathStyle: true, credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } });
      await client.send(new CreateBucketCommand({ Bucket: "notified" }));
      await client.send(new PutObjectCommand({ Bucket: "notified", Key: "reports/q1.pdf", Body: "hello" }));
      await expect.poll(() => events.flatMap((event) => event.Records.map((record) => [record.eventName, record.s3.bucket.name, record.s3.object.key]))).toEqual([
        ["ObjectCreated:Put", "notified", "reports/q1.pdf"],
      ]);
    } finally {
      await notifying.stop();
    }
  });

  it("leaves a copy's target as it was when the source goes while it is copied, as S3 does", async () => {
    await s3.send(new PutObjectCommand({ Bucket: "checks", Key: "archived.txt", Body: "archived" }));
    await s3.send(new PutObjectCommand({ Bucket: "checks", Key: "going.txt", Body: "going" }));
    // A delete of the source caught half-way: its object is still there, its metadata already gone.
    rmSync(join(dir, "checks", "going.txt._S3rver_metadata.json"));
    await expect(s3.send(new CopyObjectCommand({ Bucket: "checks", Key: "archived.txt", CopySource: "checks/going.txt" }))).rejects.toThrow();
    const kept = await s3.send(new GetObjectCommand({ Bucket: "checks", Key: "archived.txt" }));
    expect(await kept.Body!.transformToString()).toBe("archived");
  });

  it("lets exactly one of ten simultaneous If-None-Match: * writes to a key succeed", async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => s3.send(new PutObjectCommand({ Bucket: "checks", Key: "race.txt", Body: `writer ${i}`, IfNoneMatch: "*" }))),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
  });
});
