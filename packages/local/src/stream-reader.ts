import { DescribeTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record,
} from "@aws-sdk/client-dynamodb-streams";
import { setTimeout as sleep } from "node:timers/promises";
import type { StreamEvent, StreamRecord, StreamResponse } from "@testex/functions/processor";

export interface StreamReaderOptions {
  table: string;
  /** The Lambda handler the stream would invoke in AWS. */
  handler: (event: StreamEvent) => Promise<StreamResponse>;
  /** Only records this accepts reach the handler (AWS: the event source mapping's filter). */
  accept?: (record: StreamRecord) => boolean;
  pollMs?: number;
  /** Where reading starts on each shard: everything still in the stream, or only what comes next. */
  from?: "TRIM_HORIZON" | "LATEST";
}

interface Shard {
  iterator?: string;
  lastSequence?: string;
  /** Records the handler reported as failed, delivered again after a growing pause. */
  retry?: { records: _Record[]; attempt: number; at: number };
  closed?: boolean;
}

/** GetRecords' largest page. */
const PAGE = 1000;

// Same shape AWS gives the Lambda: the SDK's Date becomes epoch seconds.
const asLambdaRecord = (record: _Record): StreamRecord =>
  ({
    ...record,
    dynamodb: { ...record.dynamodb, ApproximateCreationDateTime: record.dynamodb?.ApproximateCreationDateTime && record.dynamodb.ApproximateCreationDateTime.getTime() / 1000 },
  }) as StreamRecord;

/**
 * What AWS does for a DynamoDB stream subscriber, on DynamoDB Local: polls
 * every shard of the table's stream, hands batches to the handler, and
 * delivers again, with backoff, the records the handler reports as failed.
 */
export async function startStreamReader(options: StreamReaderOptions): Promise<() => Promise<void>> {
  const endpoint = process.env.AWS_ENDPOINT_URL_DYNAMODB;
  const dynamo = new DynamoDBClient({ endpoint });
  const streams = new DynamoDBStreamsClient({ endpoint });
  const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: options.table }));
  const streamArn = Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`Table ${options.table} has no stream`);
  const shards = new Map<string, Shard>();
  const pollMs = options.pollMs ?? 500;
  let running = true;

  async function discover() {
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const { ShardId } of StreamDescription?.Shards ?? []) {
      if (ShardId && !shards.has(ShardId)) shards.set(ShardId, {});
    }
  }

  async function iteratorOf(shardId: string, shard: Shard): Promise<string | undefined> {
    const { ShardIterator } = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shardId,
        ...(shard.lastSequence
          ? { ShardIteratorType: "AFTER_SEQUENCE_NUMBER", SequenceNumber: shard.lastSequence }
          : { ShardIteratorType: options.from ?? "TRIM_HORIZON" }),
      }),
    );
    return ShardIterator;
  }

  async function deliver(shard: Shard, records: _Record[], attempt: number) {
    const accepted = records.filter((record) => options.accept?.(asLambdaRecord(record)) ?? true);
    if (accepted.length === 0) return;
    let again: _Record[];
    try {
      const { batchItemFailures } = await options.handler({ Records: accepted.map(asLambdaRecord) });
      const failed = new Set(batchItemFailures.map((f) => f.itemIdentifier));
      again = accepted.filter((record) => failed.has(record.dynamodb?.SequenceNumber ?? ""));
    } catch (error) {
      // The whole invocation failed (AWS retries the whole batch): nothing of it is lost.
      console.error(`stream reader: handler failed: ${(error as Error).message}`);
      again = accepted;
    }
    shard.retry = again.length ? { records: again, attempt: attempt + 1, at: Date.now() + Math.min(250 * 2 ** attempt, 10_000) } : undefined;
  }

  /** Reads one page of a shard; true when the page was full, i.e. more is waiting. */
  async function pollShard(shardId: string, shard: Shard): Promise<boolean> {
    if (shard.retry) {
      if (Date.now() >= shard.retry.at) await deliver(shard, shard.retry.records, shard.retry.attempt);
      return false; // in order, like AWS: nothing newer until the failed records pass
    }
    if (shard.closed) return false;
    shard.iterator ??= await iteratorOf(shardId, shard);
    if (!shard.iterator) return void (shard.closed = true), false;
    let page;
    try {
      page = await streams.send(new GetRecordsCommand({ ShardIterator: shard.iterator, Limit: PAGE }));
    } catch (error) {
      if (error instanceof ExpiredIteratorException) return void (shard.iterator = undefined), true;
      throw error;
    }
    shard.iterator = page.NextShardIterator;
    if (!page.NextShardIterator) shard.closed = true;
    const records = page.Records ?? [];
    if (records.length === 0) return false;
    shard.lastSequence = records[records.length - 1]!.dynamodb?.SequenceNumber;
    await deliver(shard, records, 0);
    return records.length === PAGE;
  }

  const loop = (async () => {
    while (running) {
      let behind = false;
      try {
        await discover();
        for (const [shardId, shard] of shards) behind = (await pollShard(shardId, shard)) || behind;
      } catch (error) {
        console.error(`stream reader: ${(error as Error).message}`);
      }
      // A busy table writes far more records than the processor wants (its filter keeps outbox
      // inserts only): while pages come back full, read on at once instead of falling behind.
      if (!behind) await sleep(pollMs);
    }
  })();

  return async () => {
    running = false;
    await loop;
    dynamo.destroy();
    streams.destroy();
  };
}
