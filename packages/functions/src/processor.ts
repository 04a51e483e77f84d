import { Outbox, systemActor, withContext, withLogFields, log, describeError } from "@testex/core";
import { effectsOf, reportDead as reportToSubscribers, type Dependencies } from "@testex/core/effects";

// The PDF renderer loads when the first letter is due, not when the processor starts.
const renderLetter: NonNullable<Dependencies["renderLetter"]> = async (props) => (await import("@testex/emails/letter")).renderLetter(props);

/** The part of a DynamoDB Streams record (NEW_AND_OLD_IMAGES) this handler reads. */
export interface StreamRecord {
  eventID?: string;
  eventName?: "INSERT" | "MODIFY" | "REMOVE" | (string & {});
  dynamodb?: {
    SequenceNumber?: string;
    NewImage?: Record<string, { S?: string } & Record<string, unknown>>;
  };
}
export interface StreamEvent {
  Records: StreamRecord[];
}
export interface StreamResponse {
  batchItemFailures: { itemIdentifier: string }[];
}

/** The outbox event id of a record, if it is the INSERT of an outbox item (infra filters the same way). */
export function outboxEventId(record: StreamRecord): string | undefined {
  const image = record.dynamodb?.NewImage;
  if (record.eventName !== "INSERT" || image?.__edb_e__?.S !== "outbox") return undefined;
  return image.event_id?.S;
}

/**
 * The table stream's subscriber: causes each new outbox event's effects. A
 * failure is counted on the event; until it is parked as DEAD the record is
 * reported back so the stream delivers it again (AWS: ReportBatchItemFailures).
 */
export const handler = async (event: StreamEvent): Promise<StreamResponse> => {
  const batchItemFailures: StreamResponse["batchItemFailures"] = [];
  for (const record of event.Records) {
    const eventId = outboxEventId(record);
    if (!eventId) continue;
    await withLogFields({ event_id: eventId }, async () => {
      try {
        await withContext({ actor: systemActor("processor"), requestId: record.eventID ?? eventId }, () => Outbox.handle(eventId, (event) => effectsOf(event, { renderLetter })));
      } catch (error) {
        // If even counting the failure fails, the record is simply retried; the scheduler's redrive is the last net.
        const verdict = await Outbox.recordFailure(eventId, error).catch(() => "retry" as const);
        log.warn("outbox event failed", { verdict, ...describeError(error) });
        if (verdict === "retry") batchItemFailures.push({ itemIdentifier: record.dynamodb?.SequenceNumber ?? eventId });
        else await reportDead(eventId);
      }
    });
  }
  return { batchItemFailures };
};

/** What a dead event leaves undone is raised, not only logged; this must not turn the record into a retry. */
async function reportDead(eventId: string): Promise<void> {
  try {
    const event = await Outbox.load(eventId);
    if (event?.status === "DEAD") await withContext({ actor: systemActor("processor"), requestId: eventId }, () => reportToSubscribers(event));
  } catch (error) {
    log.error("dead outbox event not reported", describeError(error));
  }
}
