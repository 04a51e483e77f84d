import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from "@aws-sdk/client-dynamodb";
import { CreateBucketCommand, PutBucketCorsCommand, S3Client, BucketAlreadyOwnedByYou, BucketAlreadyExists } from "@aws-sdk/client-s3";
import { CreateQueueCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { setTimeout as sleep } from "node:timers/promises";
import { TABLE_KEYS, type Projection } from "@testex/core/db/table";
import type { WebhookSettings } from "@testex/core/config";
import { NOTICE_QUEUE, WEBHOOK_QUEUE } from "@testex/stage/event-sources";
import type { Running } from "@testex/aws-local/process";
import type { LocalResources } from "./environment";

/** What every AWS SDK client has: the stack of middleware its commands pass through. */
type AnyClient = Pick<S3Client | SQSClient | DynamoDBClient, "middlewareStack">;

/**
 * Makes each failure of `client` say which service and call failed, and where (`S3 (s3rver) CreateBucket
 * testex-files-local at http://…: …`): a start-up that fails prints one line, which must point at the culprit.
 * The error keeps its class, so what a caller expects (a bucket already there) is still told apart.
 */
export function namingFailures<C extends AnyClient>(client: C, service: Pick<Running, "name" | "endpoint">): C {
  (client.middlewareStack as DynamoDBClient["middlewareStack"]).add(
    (next, context) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if (error instanceof Error) {
          const input = args.input as { TableName?: string; Bucket?: string; QueueName?: string };
          const target = input.TableName ?? input.Bucket ?? input.QueueName;
          const call = [context.commandName?.replace(/Command$/, ""), target].filter(Boolean).join(" ");
          error.message = `${service.name} ${call} at ${service.endpoint}: ${error.message}`;
        }
        throw error;
      }
    },
    { step: "initialize", name: "testexNamingFailures" },
  );
  return client;
}

function projection(declared: Projection) {
  return typeof declared === "string" ? { ProjectionType: declared } : { ProjectionType: "INCLUDE" as const, NonKeyAttributes: [...declared] };
}

/**
 * Creates the table as infra defines it (keys, GSIs, stream, TTL), unless it exists; a table kept
 * from before gets the indexes added since, each ready for queries before this returns.
 */
export async function ensureTable(dynamo: DynamoDBClient, name: string): Promise<void> {
  const indexes = Object.entries(TABLE_KEYS.globalIndexes);
  const attributes = [TABLE_KEYS.primary, ...indexes.map(([, keys]) => keys)].flatMap((k) => [k.hashKey, k.rangeKey]);
  try {
    await dynamo.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: "PAY_PER_REQUEST",
        AttributeDefinitions: attributes.map((AttributeName) => ({ AttributeName, AttributeType: "S" })),
        KeySchema: [
          { AttributeName: TABLE_KEYS.primary.hashKey, KeyType: "HASH" },
          { AttributeName: TABLE_KEYS.primary.rangeKey, KeyType: "RANGE" },
        ],
        GlobalSecondaryIndexes: indexes.map(([IndexName, keys]) => ({
          IndexName,
          KeySchema: [
            { AttributeName: keys.hashKey, KeyType: "HASH" },
            { AttributeName: keys.rangeKey, KeyType: "RANGE" },
          ],
          Projection: projection(keys.projection),
        })),
        StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" },
      }),
    );
    await dynamo.send(
      new UpdateTimeToLiveCommand({
        TableName: name,
        TimeToLiveSpecification: { AttributeName: TABLE_KEYS.ttlAttribute, Enabled: true },
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: name }));
  const present = new Set((Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  for (const [IndexName, keys] of indexes) {
    if (present.has(IndexName)) continue;
    // Items written before the index existed join it when next written, as in AWS.
    await dynamo.send(
      new UpdateTableCommand({
        TableName: name,
        AttributeDefinitions: [keys.hashKey, keys.rangeKey].map((AttributeName) => ({ AttributeName, AttributeType: "S" })),
        GlobalSecondaryIndexUpdates: [
          {
            Create: {
              IndexName,
              KeySchema: [
                { AttributeName: keys.hashKey, KeyType: "HASH" },
                { AttributeName: keys.rangeKey, KeyType: "RANGE" },
              ],
              Projection: projection(keys.projection),
            },
          },
        ],
      }),
    );
    // DynamoDB builds one new index of a table at a time, locally as in AWS: another UpdateTable meanwhile is refused.
    await untilIndexActive(dynamo, name, IndexName);
  }
}

/** Long enough for DynamoDB Local to build an index over a kept table on a loaded machine; only a hang waits this long. */
const INDEX_BUILD_TIMEOUT_MS = 120_000;

async function untilIndexActive(dynamo: DynamoDBClient, table: string, index: string): Promise<void> {
  const deadline = Date.now() + INDEX_BUILD_TIMEOUT_MS;
  for (;;) {
    const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: table }));
    const status = Table?.GlobalSecondaryIndexes?.find((declared) => declared.IndexName === index)?.IndexStatus;
    if (status === "ACTIVE") return;
    if (Date.now() > deadline) throw new Error(`Index ${index} of table ${table} is still ${status ?? "missing"} after ${INDEX_BUILD_TIMEOUT_MS / 1000} s.`);
    await sleep(50);
  }
}

export async function ensureBuckets(s3: S3Client, names: string[]): Promise<void> {
  for (const Bucket of names) {
    try {
      await s3.send(new CreateBucketCommand({ Bucket }));
    } catch (error) {
      if (!(error instanceof BucketAlreadyOwnedByYou || error instanceof BucketAlreadyExists)) throw error;
    }
  }
}

/** Lets the console upload and download straight from the browser, as the files bucket's CORS rule does in AWS (infra/storage.ts). */
export async function allowBrowsers(s3: S3Client, bucket: string, origins: string[]): Promise<void> {
  await s3.send(
    new PutBucketCorsCommand({
      Bucket: bucket,
      CORSConfiguration: {
        CORSRules: [{ AllowedOrigins: origins, AllowedMethods: ["GET", "PUT", "POST", "HEAD"], AllowedHeaders: ["*"], ExposeHeaders: ["ETag"], MaxAgeSeconds: 3600 }],
      },
    }),
  );
}

/** The queues as infra defines them: the notices' and the webhooks' visibility timeouts and dead-letter queues, and the stream's failures. */
export async function ensureQueues(sqs: SQSClient, queues: LocalResources["queues"], webhooks: WebhookSettings): Promise<void> {
  await sqs.send(new CreateQueueCommand({ QueueName: queues.deadLetters }));
  await sqs.send(new CreateQueueCommand({ QueueName: queues.outboxFailures }));
  await sqs.send(
    new CreateQueueCommand({
      QueueName: queues.notifications,
      Attributes: {
        VisibilityTimeout: String(NOTICE_QUEUE.visibilityTimeoutSeconds),
        RedrivePolicy: JSON.stringify({
          deadLetterTargetArn: `arn:aws:sqs:us-east-1:000000000000:${queues.deadLetters}`,
          maxReceiveCount: NOTICE_QUEUE.maxReceiveCount,
        }),
      },
    }),
  );
  await sqs.send(new CreateQueueCommand({ QueueName: queues.webhookDeadLetters }));
  await sqs.send(
    new CreateQueueCommand({
      QueueName: queues.webhooks,
      Attributes: {
        VisibilityTimeout: String(WEBHOOK_QUEUE.visibilityTimeoutSeconds),
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: `arn:aws:sqs:us-east-1:000000000000:${queues.webhookDeadLetters}`, maxReceiveCount: webhooks.maxAttempts }),
      },
    }),
  );
}
