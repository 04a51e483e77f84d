import { DeleteMessageBatchCommand, ReceiveMessageCommand, SQSClient, type Message } from "@aws-sdk/client-sqs";
import { setTimeout as sleep } from "node:timers/promises";
import type { SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";

export interface QueueWorkerOptions {
  queueUrl: string;
  /** The SQS stand-in's endpoint; the SDK's own configuration (AWS_ENDPOINT_URL_SQS) when not given. */
  endpoint?: string;
  handler: (event: SQSEvent) => Promise<SQSBatchResponse>;
  batchSize?: number;
  onError?: (error: unknown) => void;
}

/**
 * What Lambda's SQS event source mapping does, for `npm start`: long-polls the
 * queue, hands batches to the SAME handler as SQS-shaped events, deletes what
 * succeeded and leaves reported failures to come back after the queue's visibility
 * timeout (or the delay the handler set), until the queue's redrive policy moves them
 * to its dead-letter queue.
 */
export function startQueueWorker(options: QueueWorkerOptions): () => Promise<void> {
  const sqs = new SQSClient({ endpoint: options.endpoint ?? process.env.AWS_ENDPOINT_URL_SQS });
  const abort = new AbortController();
  let stopped = false;

  const poll = async () => {
    while (!stopped) {
      try {
        const { Messages = [] } = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: options.queueUrl,
            MaxNumberOfMessages: options.batchSize ?? 10,
            WaitTimeSeconds: 5,
            MessageSystemAttributeNames: ["All"],
          }),
          { abortSignal: abort.signal },
        );
        if (Messages.length === 0) continue;
        const { batchItemFailures } = await options.handler({ Records: Messages.map((m) => toRecord(m, options.queueUrl)) });
        const failed = new Set(batchItemFailures.map((f) => f.itemIdentifier));
        const done = Messages.filter((m) => !failed.has(m.MessageId!));
        if (done.length > 0) {
          await sqs.send(
            new DeleteMessageBatchCommand({ QueueUrl: options.queueUrl, Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })) }),
          );
        }
      } catch (error) {
        if (stopped) return;
        options.onError?.(error);
        await sleep(1000);
      }
    }
  };
  const running = poll();
  return async () => {
    stopped = true;
    abort.abort();
    await running;
  };
}

function toRecord(message: Message, queueUrl: string): SQSRecord {
  return {
    messageId: message.MessageId!,
    receiptHandle: message.ReceiptHandle!,
    body: message.Body ?? "",
    attributes: {
      ApproximateReceiveCount: message.Attributes?.ApproximateReceiveCount ?? "1",
      SentTimestamp: message.Attributes?.SentTimestamp ?? String(Date.now()),
      SenderId: message.Attributes?.SenderId ?? "000000000000",
      ApproximateFirstReceiveTimestamp: message.Attributes?.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
    },
    messageAttributes: {},
    md5OfBody: message.MD5OfBody ?? "",
    eventSource: "aws:sqs",
    eventSourceARN: `arn:aws:sqs:local:000000000000:${new URL(queueUrl).pathname.split("/").pop()}`,
    awsRegion: process.env.AWS_REGION ?? "us-east-1",
  };
}
