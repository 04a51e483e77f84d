/**
 * The webhook queue: one message per delivery, naming only its id (the record
 * is the truth). Retries are the same message, hidden for longer after each
 * failure; after the stage's attempts the queue moves it to its dead-letter
 * queue (its maxReceiveCount is the same number).
 */
import { Resource } from "sst";
import { settings } from "../config";
import { describeError, log } from "../log";
import { sqs } from "../notification/queue";

export interface QueueMessage {
  delivery_id: string;
}

/**
 * Tells the worker these deliveries wait. A failure is thrown: the caller is
 * an outbox effect (retried until it is done) or an admin's replay (who sees
 * the error and asks again).
 */
export async function announce(ids: string[]): Promise<void> {
  const { SendMessageBatchCommand } = await import("@aws-sdk/client-sqs");
  for (let i = 0; i < ids.length; i += 10) {
    const batch = ids.slice(i, i + 10);
    const result = await (await sqs()).send(
      new SendMessageBatchCommand({
        QueueUrl: Resource.WebhookQueue.url,
        Entries: batch.map((delivery_id, n) => ({ Id: String(n), MessageBody: JSON.stringify({ delivery_id } satisfies QueueMessage) })),
      }),
    );
    if (result.Failed?.length) throw new Error(`${result.Failed.length} webhook deliveries not queued: ${result.Failed.map((f) => f.Code).join(", ")}`);
  }
}

/**
 * Seconds before the n-th retry: the stage's base doubled each time, at most
 * its maximum, and then a random share of up to half of it taken off, so
 * deliveries that failed together (a receiver that was down) do not all come
 * back at the same second.
 */
export function retryDelaySeconds(attempt: number, random = Math.random()): number {
  const { retryBaseSeconds, maxDelaySeconds } = settings().webhooks;
  const full = Math.min(retryBaseSeconds * 2 ** Math.max(attempt - 1, 0), maxDelaySeconds);
  return Math.max(0, Math.round(full * (1 - random / 2)));
}

/** Keeps a message hidden for `seconds` before its next receive; if this fails the queue's own visibility timeout applies. */
export async function postpone(receiptHandle: string, seconds: number): Promise<void> {
  try {
    const { ChangeMessageVisibilityCommand } = await import("@aws-sdk/client-sqs");
    await (await sqs()).send(new ChangeMessageVisibilityCommand({ QueueUrl: Resource.WebhookQueue.url, ReceiptHandle: receiptHandle, VisibilityTimeout: seconds }));
  } catch (error) {
    log.info("webhook retry not postponed; the queue's visibility timeout applies", describeError(error));
  }
}
