import { DynamoDBClient, PutItemCommand } from "@aws-sdk/client-dynamodb";
import type { StreamEvent, StreamRecord } from "@testex/functions/processor";
import { Resource } from "sst";
import { describe, expect, it } from "vitest";
import { STREAM_SUBSCRIPTION } from "../../../infra/event-sources";
import { type StreamBatchFailure, startStreamReader, streamEnd } from "./stream-reader";

const dynamo = new DynamoDBClient({});

/**
 * Writes `count` items of a run of its own; their stream records are the only ones the reader accepts,
 * and `from` is where the stream ended before them, so the reader never pages through what other tests wrote.
 */
async function writeRun(count: number) {
  const run = `streamtest-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const from = await streamEnd(Resource.Table.name);
  for (let i = 0; i < count; i++) {
    await dynamo.send(new PutItemCommand({ TableName: Resource.Table.name, Item: { pk: { S: `${run}#${String(i).padStart(3, "0")}` }, sk: { S: "x" } } }));
  }
  const accept = (record: StreamRecord) => String((record.dynamodb as { Keys?: { pk?: { S?: string } } })?.Keys?.pk?.S).startsWith(run);
  const index = (record: StreamRecord) => Number(String((record.dynamodb as { Keys?: { pk?: { S?: string } } })?.Keys?.pk?.S).split("#")[1]);
  return { from, accept, index };
}

const poll = <T>(read: () => T) => expect.poll(read, { timeout: 30_000, interval: 50 });

describe("the local stream reader, with infra's event source mapping", () => {
  it("hands the handler batches of infra's size, in order", async () => {
    const { from, accept, index } = await writeRun(25);
    const batches: number[][] = [];
    const stop = await startStreamReader({
      table: Resource.Table.name,
      from,
      accept,
      pollMs: 50,
      handler: async (event: StreamEvent) => (batches.push(event.Records.map(index)), { batchItemFailures: [] }),
    });
    try {
      await poll(() => batches.flat().length).toBe(25);
    } finally {
      await stop();
    }
    expect(Math.max(...batches.map((b) => b.length))).toBe(STREAM_SUBSCRIPTION.batchSize);
    expect(batches.flat()).toEqual(Array.from({ length: 25 }, (_, i) => i));
  });

  it("retries from the first reported failure, gives up after the retries, tells the on-failure destination and moves on", async () => {
    const { from, accept, index } = await writeRun(5);
    const seen: number[][] = [];
    const failures: StreamBatchFailure[] = [];
    const mapping = { ...STREAM_SUBSCRIPTION, maximumRetryAttempts: 2 };
    const stop = await startStreamReader({
      table: Resource.Table.name,
      from,
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
    const { from, accept, index } = await writeRun(8);
    const done: number[] = [];
    const failures: StreamBatchFailure[] = [];
    const stop = await startStreamReader({
      table: Resource.Table.name,
      from,
      accept,
      pollMs: 50,
      retryDelayMs: 10,
      mapping: { ...STREAM_SUBSCRIPTION, maximumRetryAttempts: 1 },
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
