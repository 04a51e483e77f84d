import { describeError, log, systemActor, withContext, withLogFields } from "@testex/core";
import { onFirstUse } from "@testex/core/lazy";
import { deliver, type Attach, type Renderer } from "@testex/core/notification/delivery";
import { postpone } from "@testex/core/notification/queue";

// The templates and React load with the first notice that is rendered, not at start:
// a message whose notice was already sent, or is not due yet, needs neither.
const emails = onFirstUse(() => import("@testex/emails"));
const render: Renderer = async (template, props) => (await emails()).render(template, props);
// An approval request's letter preview: the PDF renderer and the termination's reads load with the first one.
const previews = onFirstUse(() => import("@testex/core/termination/preview-attachment"));
const letters = onFirstUse(() => import("@testex/emails/letter"));
const attach: Attach = async (notice) =>
  notice.letter_preview ? (await previews()).letterPreviewAttachments(notice, async (props) => (await letters()).renderLetter(props)) : [];
import { idIn, type SQSBatchResponse, type SQSEvent, type SQSRecord } from "./sqs-event";

/**
 * The notice worker: one queue message names one notice to send. Messages
 * whose notice should be tried again go back to the queue (partial batch
 * failure), hidden for longer after each failure.
 */
export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const outcomes = await Promise.all(event.Records.map(handleRecord));
  return {
    batchItemFailures: event.Records.filter((_, i) => outcomes[i] === "retry").map((record) => ({ itemIdentifier: record.messageId })),
  };
};

async function handleRecord(record: SQSRecord): Promise<string> {
  const id = idIn(record.body, "notification_id");
  if (!id) {
    // Nothing can ever make this message valid; keep it out of the retry loop.
    log.error("queue message without a notification id dropped", { message_id: record.messageId });
    return "dropped";
  }
  return withContext({ actor: systemActor("notifier"), requestId: record.messageId }, () =>
    withLogFields({ notification_id: id, message_id: record.messageId }, async () => {
      let outcome: string;
      try {
        outcome = await deliver(id, render, attach);
      } catch (error) {
        log.error("notice delivery failed; message returns to the queue", describeError(error));
        outcome = "retry";
      }
      if (outcome === "retry") await postpone(record.receiptHandle, Number(record.attributes.ApproximateReceiveCount) || 1);
      return outcome;
    }),
  );
}
