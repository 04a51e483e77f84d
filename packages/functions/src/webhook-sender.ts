import { describeError, log, systemActor, withContext, withLogFields } from "@testex/core";
import { attempt } from "@testex/core/webhook/attempt";
import { postpone, retryDelaySeconds } from "@testex/core/webhook/queue";
import { idIn, type SQSBatchResponse, type SQSEvent, type SQSRecord } from "./sqs-event";

/**
 * The webhook worker: one queue message names one delivery. The batch's
 * deliveries are sent side by side, each with its own timeout, so a slow
 * receiver delays nobody else. A delivery to retry goes back to the queue
 * alone (partial batch failure), hidden for longer each time; a dead one goes
 * back at once, and the queue moves it to the dead-letter queue on its next receive.
 */
export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const outcomes = await Promise.all(event.Records.map(handleRecord));
  return { batchItemFailures: event.Records.filter((_, i) => outcomes[i] !== "done").map((record) => ({ itemIdentifier: record.messageId })) };
};

async function handleRecord(record: SQSRecord): Promise<string> {
  const id = idIn(record.body, "delivery_id");
  if (!id) {
    // Nothing can ever make this message valid; keep it out of the retry loop.
    log.error("webhook message without a delivery id dropped", { message_id: record.messageId });
    return "done";
  }
  return withContext({ actor: systemActor("webhooks"), requestId: record.messageId }, () =>
    withLogFields({ delivery_id: id, message_id: record.messageId }, async () => {
      let outcome: string;
      try {
        outcome = await attempt(id);
      } catch (error) {
        log.error("webhook attempt not recorded; the message returns to the queue", describeError(error));
        outcome = "retry";
      }
      if (outcome === "retry") await postpone(record.receiptHandle, retryDelaySeconds(Number(record.attributes.ApproximateReceiveCount) || 1));
      if (outcome === "dead") await postpone(record.receiptHandle, 0);
      return outcome;
    }),
  );
}
