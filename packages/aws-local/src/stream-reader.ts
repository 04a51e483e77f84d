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
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";

/** What AWS's on-failure destination receives for a batch it gave up on (DDBStreamBatchInfo): where the records were, not the records. */
export interface StreamBatchFailure {
  version: "1.0";
  timestamp: string;
  requestContext: { condition: "RetryAttemptsExhausted"; approximateInvokeCount: number };
  DDBStreamBatchInfo: { shardId: string; startSequenceNumber: string; endSequenceNumber: string; batchSize: number; streamArn: string };
}

/** An event source mapping's settings, as the Lambda function's subscription to the stream declares them. */
export interface StreamMapping {
  batchSize: number;
  bisectBatchOnFunctionError: boolean;
  maximumRetryAttempts: number;
}

export interface StreamReaderOptions {
  table: string;
  /** DynamoDB Local's endpoint; the SDK's own configuration (AWS_ENDPOINT_URL_DYNAMODB) when not given. */
  endpoint?: string;
  /** The Lambda handler the stream would invoke in AWS. */
  handler: (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>;
  /** Only records this accepts reach the handler (AWS: the event source mapping's filter). */
  accept?: (record: DynamoDBRecord) => boolean;
  pollMs?: number;
  /**
   * Where reading starts on the shards open now: everything still in the stream, what is written
   * once the reader has started, or what was written after `streamEnd()` was taken. A shard that
   * opens later is read from its start.
   */
  from?: "TRIM_HORIZON" | "LATEST" | StreamPosition;
  /** The event source mapping's settings. */
  mapping: StreamMapping;
  /** The on-failure destination: told about each batch given up on after its retries. */
  onFailure?: (failure: StreamBatchFailure) => Promise<void>;
  /** Pause before the first retry (doubling after each, at most 10 s). */
  retryDelayMs?: number;
}

/** The end of each open shard of a table's stream at one moment (AWS: LATEST iterators). */
export interface StreamPosition {
  iterators: Map<string, string>;
  /** Shards closed by then: nothing after the position is in them. */
  closed: string[];
}

interface Shard {
  iterator?: string;
  /** Where to start again when the iterator expires before anything was read. */
  from?: "LATEST";
  lastSequence?: string;
  /** Accepted records read but not yet handled, oldest first: nothing newer passes them (AWS keeps a shard in order). */
  pending: _Record[];
  /** Retries of the batch at the head of `pending`, the largest batch to try next (halved by bisection), and when. */
  attempt: number;
  limit?: number;
  at: number;
  closed?: boolean;
}

/** GetRecords' largest page. */
const PAGE = 1000;

// Same shape AWS gives the Lambda: the SDK's Date becomes epoch seconds.
const asLambdaRecord = (record: _Record): DynamoDBRecord =>
  ({
    ...record,
    dynamodb: { ...record.dynamodb, ApproximateCreationDateTime: record.dynamodb?.ApproximateCreationDateTime && record.dynamodb.ApproximateCreationDateTime.getTime() / 1000 },
  }) as DynamoDBRecord;

async function streamOf(dynamo: DynamoDBClient, table: string): Promise<string> {
  const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: table }));
  if (!Table?.LatestStreamArn) throw new Error(`Table ${table} has no stream`);
  return Table.LatestStreamArn;
}

/**
 * Where the table's stream ends now: a reader started from here later sees exactly what was
 * written in between, without paging through what came before (a test's own writes, not the run's).
 */
export async function streamEnd(table: string): Promise<StreamPosition> {
  const endpoint = process.env.AWS_ENDPOINT_URL_DYNAMODB;
  const dynamo = new DynamoDBClient({ endpoint });
  const streams = new DynamoDBStreamsClient({ endpoint });
  try {
    const StreamArn = await streamOf(dynamo, table);
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn }));
    const iterators = new Map<string, string>();
    const closed: string[] = [];
    for (const { ShardId, SequenceNumberRange } of StreamDescription?.Shards ?? []) {
      if (!ShardId) continue;
      if (SequenceNumberRange?.EndingSequenceNumber) {
        closed.push(ShardId);
        continue;
      }
      const { ShardIterator } = await streams.send(new GetShardIteratorCommand({ StreamArn, ShardId, ShardIteratorType: "LATEST" }));
      if (ShardIterator) iterators.set(ShardId, ShardIterator);
    }
    return { iterators, closed };
  } finally {
    dynamo.destroy();
    streams.destroy();
  }
}

/**
 * What AWS does for a DynamoDB stream subscriber, on DynamoDB Local: polls
 * every shard of the table's stream and hands the handler batches with the
 * event source mapping's settings: batch size,
 * retries from the first reported failure, bisection of a failing batch, and
 * after the last retry the on-failure destination.
 */
export async function startStreamReader(options: StreamReaderOptions): Promise<() => Promise<void>> {
  const endpoint = options.endpoint ?? process.env.AWS_ENDPOINT_URL_DYNAMODB;
  const dynamo = new DynamoDBClient({ endpoint });
  const streams = new DynamoDBStreamsClient({ endpoint });
  const streamArn = await streamOf(dynamo, options.table);
  const shards = new Map<string, Shard>();
  const start = options.from === "LATEST" ? await streamEnd(options.table) : options.from === "TRIM_HORIZON" ? undefined : options.from;
  for (const [shardId, iterator] of start?.iterators ?? []) shards.set(shardId, { pending: [], attempt: 0, at: 0, iterator, from: "LATEST" });
  for (const shardId of start?.closed ?? []) shards.set(shardId, { pending: [], attempt: 0, at: 0, closed: true });
  const pollMs = options.pollMs ?? 500;
  let running = true;

  async function discover() {
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const { ShardId } of StreamDescription?.Shards ?? []) {
      if (ShardId && !shards.has(ShardId)) shards.set(ShardId, { pending: [], attempt: 0, at: 0 });
    }
  }

  async function iteratorOf(shardId: string, shard: Shard): Promise<string | undefined> {
    const { ShardIterator } = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shardId,
        ...(shard.lastSequence
          ? { ShardIteratorType: "AFTER_SEQUENCE_NUMBER", SequenceNumber: shard.lastSequence }
          : { ShardIteratorType: shard.from ?? "TRIM_HORIZON" }),
      }),
    );
    return ShardIterator;
  }

  const { mapping } = options;
  const sequenceOf = (record: _Record) => record.dynamodb?.SequenceNumber ?? "";

  /** The batch at the head of the shard failed again: wait, or give up on it as AWS does after its retries. */
  async function failed(shardId: string, shard: Shard, batch: _Record[], invocations: number) {
    shard.attempt++;
    if (shard.attempt <= mapping.maximumRetryAttempts) {
      shard.at = Date.now() + Math.min((options.retryDelayMs ?? 250) * 2 ** (shard.attempt - 1), 10_000);
      return;
    }
    await options.onFailure?.({
      version: "1.0",
      timestamp: new Date().toISOString(),
      requestContext: { condition: "RetryAttemptsExhausted", approximateInvokeCount: invocations },
      DDBStreamBatchInfo: {
        shardId,
        startSequenceNumber: sequenceOf(batch[0]!),
        endSequenceNumber: sequenceOf(batch.at(-1)!),
        batchSize: batch.length,
        streamArn: streamArn!,
      },
    });
    console.error(`stream reader: gave up on ${batch.length} record(s) after ${mapping.maximumRetryAttempts} retries`);
    shard.pending.splice(0, batch.length);
    shard.attempt = 0;
    shard.limit = undefined;
  }

  /**
   * Hands the head of the shard to the handler, as Lambda's mapping does: a
   * batch of at most `batchSize`; reported failures are retried from the first
   * of them on (what precedes it is done); a failing invocation is split in
   * halves first (bisect, which costs no retry), then retried; after the last
   * retry the batch goes to the on-failure destination and the shard moves on.
   */
  async function deliverHead(shardId: string, shard: Shard) {
    if (shard.pending.length === 0 || Date.now() < shard.at) return;
    const batch = shard.pending.slice(0, shard.limit ?? mapping.batchSize);
    let failures: Set<string>;
    try {
      const { batchItemFailures } = await options.handler({ Records: batch.map(asLambdaRecord) });
      failures = new Set(batchItemFailures.map((f) => f.itemIdentifier));
    } catch (error) {
      console.error(`stream reader: handler failed: ${(error as Error).message}`);
      if (mapping.bisectBatchOnFunctionError && batch.length > 1) {
        shard.limit = Math.ceil(batch.length / 2);
        return;
      }
      return failed(shardId, shard, batch, shard.attempt + 1);
    }
    const first = batch.findIndex((record) => failures.has(sequenceOf(record)));
    if (first < 0) {
      shard.pending.splice(0, batch.length);
      shard.attempt = 0;
      shard.limit = undefined;
      return;
    }
    // Checkpoint before the first failure; it and everything after it come again.
    shard.pending.splice(0, first);
    if (first > 0) shard.attempt = 0;
    await failed(shardId, shard, batch.slice(first), shard.attempt + 1);
  }

  /** Reads one page of a shard; true when the page was full, i.e. more is waiting. */
  async function pollShard(shardId: string, shard: Shard): Promise<boolean> {
    if (shard.pending.length > 0) {
      await deliverHead(shardId, shard);
      // Full batches wait: deliver them at once, as Lambda does while a shard is behind.
      return shard.pending.length > 0 && Date.now() >= shard.at;
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
    shard.pending.push(...records.filter((record) => options.accept?.(asLambdaRecord(record)) ?? true));
    return true;
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
