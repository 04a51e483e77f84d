import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
} from "@aws-sdk/client-dynamodb";
import { CreateBucketCommand, S3Client, BucketAlreadyOwnedByYou, BucketAlreadyExists } from "@aws-sdk/client-s3";
import { CreateQueueCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { TABLE_KEYS } from "@testex/core/db/table";
import { NOTICE_QUEUE } from "../../../infra/event-sources";
import type { LocalResources } from "./environment";

/** Creates the table as infra defines it (keys, GSIs, stream, TTL), unless it exists. */
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
          Projection: { ProjectionType: "ALL" },
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
  await dynamo.send(new DescribeTableCommand({ TableName: name }));
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

/** The queues as infra defines them: the notices' visibility timeout and dead-letter queue, and the stream's failures. */
export async function ensureQueues(sqs: SQSClient, queues: LocalResources["queues"]): Promise<void> {
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
}
