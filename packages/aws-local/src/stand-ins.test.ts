import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { CreateTableCommand, DynamoDBClient, TransactWriteItemsCommand } from "@aws-sdk/client-dynamodb";
import { SendEmailCommand, SESv2Client } from "@aws-sdk/client-sesv2";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addressesAnswering, externalAddresses } from "./exposure";
import { freePort, type Running } from "./process";
import { startDynamo, startS3, startSes } from "./stand-ins";

const inboxOf = async (endpoint: string) => ((await (await fetch(`${endpoint}/store`)).json()) as { emails: { subject: string }[] }).emails;

describe("the SES stand-in's inbox", () => {
  const dir = mkdtempSync(join(tmpdir(), "testex-inbox-"));
  const file = join(dir, "mail.jsonl");
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("is where it was after a restart, and private to its user", async () => {
    const port = await freePort();
    const first = await startSes({ port, inboxFile: file });
    const ses = new SESv2Client({ endpoint: first.endpoint, region: "us-east-1", credentials: { accessKeyId: "local", secretAccessKey: "local" } });
    await ses.send(
      new SendEmailCommand({
        FromEmailAddress: "noreply@example.com",
        Destination: { ToAddresses: ["someone@example.com"] },
        Content: { Simple: { Subject: { Data: "Kept across restarts" }, Body: { Text: { Data: "Hello" } } } },
      }),
    );
    await first.stop();

    const second = await startSes({ port, inboxFile: file });
    try {
      expect((await inboxOf(second.endpoint)).map((mail) => mail.subject)).toEqual(["Kept across restarts"]);
      expect(statSync(file).mode & 0o777).toBe(0o600);
    } finally {
      await second.stop();
    }
  });
});

describe("the S3 stand-in", () => {
  const dir = mkdtempSync(join(tmpdir(), "testex-s3-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reads its own writes: a GET right after a PUT returns the whole new object", async () => {
    const s3rver = await startS3({ port: await freePort(), dataDir: dir });
    const s3 = new S3Client({ endpoint: s3rver.endpoint, region: "us-east-1", forcePathStyle: true, credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } });
    try {
      await s3.send(new CreateBucketCommand({ Bucket: "reads" }));
      for (let round = 0; round < 20; round++) {
        const body = Buffer.alloc(1024 * 1024, round);
        await s3.send(new PutObjectCommand({ Bucket: "reads", Key: "checkpoint.json", Body: body }));
        const read = Buffer.from(await (await s3.send(new GetObjectCommand({ Bucket: "reads", Key: "checkpoint.json" }))).Body!.transformToByteArray());
        expect(read.equals(body), `round ${round}: read ${read.length} bytes`).toBe(true);
      }
    } finally {
      await s3rver.stop();
    }
  });

  it("fails to start on a port another server took since it was found free, rather than take that server's answers for its own", async () => {
    const port = await freePort();
    const other = createServer((_, response) => response.writeHead(400, { "content-type": "application/json" }).end("{}"));
    await new Promise<void>((resolve) => other.listen(port, "127.0.0.1", resolve));
    try {
      await expect(startS3({ port, dataDir: dir })).rejects.toThrow(/S3 \(s3rver\) exited during start:[\s\S]*EADDRINUSE/);
    } finally {
      other.close();
    }
  });
});

describe("DynamoDB Local", () => {
  let dynamo: Running;
  let client: DynamoDBClient;
  beforeAll(async () => {
    dynamo = await startDynamo({ port: await freePort(), shortLived: true });
    client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: "us-east-1", credentials: { accessKeyId: "local", secretAccessKey: "local" } });
    await client.send(
      new CreateTableCommand({
        TableName: "transactions",
        KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
        AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
        BillingMode: "PAY_PER_REQUEST",
      }),
    );
  }, 60_000);
  afterAll(() => dynamo?.stop());

  it.skipIf(externalAddresses().length === 0)("answers on 127.0.0.1 only, not on the machine's other addresses", async () => {
    expect(await addressesAnswering(Number(new URL(dynamo.endpoint).port))).toEqual([]);
  });

  const puts = (count: number, prefix: string) =>
    new TransactWriteItemsCommand({
      TransactItems: Array.from({ length: count }, (_, i) => ({ Put: { TableName: "transactions", Item: { pk: { S: `${prefix}-${i}` } } } })),
    });

  it("takes a transaction of 100 items and refuses one of 101, as DynamoDB does", async () => {
    await expect(client.send(puts(100, "hundred"))).resolves.toBeDefined();
    await expect(client.send(puts(101, "too-many"))).rejects.toThrow(/less than or equal to 100/);
  });
});
