/** The part of Lambda's SQS event and partial-batch reply the handlers use (what `@types/aws-lambda` calls SQSEvent). */
export interface SQSRecord {
  messageId: string;
  receiptHandle: string;
  body: string;
  attributes: { ApproximateReceiveCount: string; SentTimestamp: string };
  messageAttributes: Record<string, unknown>;
  md5OfBody: string;
  eventSource: string;
  eventSourceARN: string;
  awsRegion: string;
}

export interface SQSEvent {
  Records: SQSRecord[];
}

/** Messages listed here return to the queue (the function needs `reportBatchItemFailures`); the rest are deleted. */
export interface SQSBatchResponse {
  batchItemFailures: { itemIdentifier: string }[];
}

/** The id a queue message's JSON body carries in `field`, or null when it carries none (such a message can never be handled). */
export function idIn(body: string, field: string): string | null {
  try {
    const parsed: unknown = JSON.parse(body);
    const id = typeof parsed === "object" && parsed !== null ? Reflect.get(parsed, field) : undefined;
    return typeof id === "string" && id.length > 0 ? id : null;
  } catch {
    return null;
  }
}
