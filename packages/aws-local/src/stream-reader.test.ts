import { CreateTableCommand, DynamoDBClient, PutItemCommand } from "@aws-sdk/client-dynamodb";
import type { DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, type Running } from "./process";
import { startDynamo } from "./stand-ins";
import { type StreamBatchFailure, type StreamMapping, startStreamReader } from "./stream-reader";

const TABLE = "stream-reader";
/** A subscription as a Lambda function might declare it. */
const MAPPING: StreamMapping = { batchSize: 10, bisectBatchOnFunctionError: true, maximumRetryAttempts: 10 };
const credentials = { accessKeyId: "local", secretAccessKey: "local" };
let local: Running;
let dynamo: DynamoDBClient;

beforeAll(async () => {
  local = await startDynamo({ port: await freePort(), shortLived: true });
  dynamo = new DynamoDBClient({ endpoint: local.endpoint, region: "us-east-1", credentials });
  await dynamo.send(
    new CreateTableCommand({
      TableName: TABLE,
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
      AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
      BillingMode: "PAY_PER_REQUEST",
      StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" },
    }),
  );
}, 120_000);
afterAll(() => local?.stop());

const reader = (options: Omit<Parameters<typeof startStreamReader>[0], "table" | "endpoint" | "mapping"> & { mapping?: StreamMapping }) =>
  startStreamReader({ table: TABLE, endpoint: local.endpoint, mapping: MAPPING, ...options });

/** Writes `count` items of a run of its own; their stream records are the only ones the reader accepts. */
async function writeRun(count: number) {
  const run = `streamtest-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  for (let i = 0; i < count; i++) {
    await dynamo.send(new PutItemCommand({ TableName: TABLE, Item: { pk: { S: `${run}#${String(i).padStart(3, "0")}` } } }));
  }
  const accept = (record: DynamoDBRecord) => String((record.dynamodb as { Keys?: { pk?: { S?: string } } })?.Keys?.pk?.S).startsWith(run);
  const index = (record: DynamoDBRecord) => Number(String((record.dynamodb as { Keys?: { pk?: { S?: string } } })?.Keys?.pk?.S).split("#")[1]);
  return { accept, index };
}

const poll = <T>(read: () => T) => expect.poll(read, { interval: 50 });

describe("the local stream reader, with an event source mapping's settings", () => {
  it("hands the handler batches of the mapping's size, in order", async () => {
    const { accept, index } = await writeRun(25);
    const batches: number[][] = [];
    const stop = await reader({
      accept,
      pollMs: 50,
      handler: async (event: DynamoDBStreamEvent) => (batches.push(event.Records.map(index)), { batchItemFailures: [] }),
    });
    try {
      await poll(() => batches.flat().length).toBe(25);
    } finally {
      await stop();
    }
    expect(Math.max(...batches.map((b) => b.length))).toBe(MAPPING.batchSize);
    expect(batches.flat()).toEqual(Array.from({ length: 25 }, (_, i) => i));
  });

  it("retries from the first reported failure, gives up after the retries, tells the on-failure destination and moves on", async () => {
    const { accept, index } = await writeRun(5);
    const seen: number[][] = [];
    const failures: StreamBatchFailure[] = [];
    const mapping = { ...MAPPING, maximumRetryAttempts: 2 };
    const stop = await reader({
      accept,
      pollMs: 50,
      retryDelayMs: 10,
      mapping,
      onFailure: async (failure) => void failures.push(failure),
      // Record 2 always fails.
      handler: async (event) => {
        seen.push(event.Records.map(index));
        const poison = event.Records.find((r) => index(r) === 2);
        return { batchItemFailures: poison ? [{ itemIdentifier: poison.dynamodb!.SequenceNumber! }] : [] };
      },
    });
    try {
      await poll(() => failures.length).toBe(1);
    } finally {
      await stop();
    }
    // The first try, then two retries from record 2 on; after that the shard moved on. A shard may hand
    // its first records over in more than one batch (GetRecords returns what it has, on AWS too).
    const withPoison = seen.filter((batch) => batch.includes(2));
    expect(withPoison).toHaveLength(3);
    expect(withPoison.slice(1).map((batch) => batch[0])).toEqual([2, 2]);
    expect(new Set(seen.flat())).toEqual(new Set([0, 1, 2, 3, 4]));
    expect(failures[0]!.requestContext.condition).toBe("RetryAttemptsExhausted");
    expect(failures[0]!.DDBStreamBatchInfo.batchSize).toBe(withPoison[2]!.length);
  });

  it("splits a batch whose invocation fails until the failing record is alone, so its neighbours get through", async () => {
    const { accept, index } = await writeRun(8);
    const done: number[] = [];
    const failures: StreamBatchFailure[] = [];
    const stop = await reader({
      accept,
      pollMs: 50,
      retryDelayMs: 10,
      mapping: { ...MAPPING, maximumRetryAttempts: 1 },
      onFailure: async (failure) => void failures.push(failure),
      handler: async (event) => {
        if (event.Records.some((r) => index(r) === 5)) throw new Error("record 5 breaks the function");
        done.push(...event.Records.map(index));
        return { batchItemFailures: [] };
      },
    });
    try {
      await poll(() => [failures.length, done.length]).toEqual([1, 7]);
    } finally {
      await stop();
    }
    expect(done).toEqual([0, 1, 2, 3, 4, 6, 7]);
    expect(failures[0]!.DDBStreamBatchInfo.batchSize).toBe(1);
  });
});
