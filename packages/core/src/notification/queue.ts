import type { SQSClient } from "@aws-sdk/client-sqs";
import { Resource } from "sst";
import { onFirstUse } from "../lazy";
import { describeError, log } from "../log";

// Loaded on the first notice, not when a Lambda starts: most API requests never queue one.
const sdk = onFirstUse(() => import("@aws-sdk/client-sqs"));

/** The one SQS client; the endpoint comes from the SDK's configuration (`AWS_ENDPOINT_URL_SQS` locally). */
export const sqs = onFirstUse(async (): Promise<SQSClient> => new (await sdk()).SQSClient({ maxAttempts: 3 }));

/** What a queue message carries: only the id; the record is the truth. */
export interface QueueMessage {
  notification_id: string;
}

/**
 * Tells the worker these notices wait. Best effort by design: the records are
 * already durable, and the sweeper re-announces any QUEUED one nobody picked
 * up, so a failure here is logged, not thrown.
 */
export async function announce(ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 10) {
    const batch = ids.slice(i, i + 10);
    try {
      const { SendMessageBatchCommand } = await sdk();
      const result = await (await sqs()).send(
        new SendMessageBatchCommand({
          QueueUrl: Resource.NotificationQueue.url,
          Entries: batch.map((notification_id, n) => ({ Id: String(n), MessageBody: JSON.stringify({ notification_id } satisfies QueueMessage) })),
        }),
      );
      if (result.Failed?.length) log.warn("notices not announced; the sweeper will", { count: result.Failed.length, codes: result.Failed.map((f) => f.Code) });
    } catch (error) {
      log.warn("notices not announced; the sweeper will", { count: batch.length, ...describeError(error) });
    }
  }
}

/** Seconds before a notice that failed for the n-th time is tried again: 30 s, doubling, at most 15 minutes. */
export const retryDelaySeconds = (receiveCount: number) => Math.min(30 * 2 ** Math.max(receiveCount - 1, 0), 900);

/**
 * Keeps a message that will be retried hidden for longer each time (backoff
 * across attempts). If this fails the message simply comes back after the
 * queue's own visibility timeout, so it is not an error.
 */
export async function postpone(receiptHandle: string, receiveCount: number): Promise<void> {
  try {
    const { ChangeMessageVisibilityCommand } = await sdk();
    await (await sqs()).send(
      new ChangeMessageVisibilityCommand({ QueueUrl: Resource.NotificationQueue.url, ReceiptHandle: receiptHandle, VisibilityTimeout: retryDelaySeconds(receiveCount) }),
    );
  } catch (error) {
    log.info("retry not postponed; the queue's visibility timeout applies", describeError(error));
  }
}
