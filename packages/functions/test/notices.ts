import { Notification, systemActor } from "@testex/core";
import { db } from "@testex/core/entities";
import { newId } from "@testex/core/id";
import { as, uniqueEmail } from "#test/fixtures";
import type { SQSEvent } from "../src/sqs-event";

/** Helpers for the notice tests: queue a notice, shape queue messages, read the local mail store. */

export const terminationProps = (contract_id = newId("CT")) => ({
  contract_id,
  contract_title: "Office cleaning 2026",
  client_name: "Acme Facilities GmbH",
  reason: "Breach of the service levels",
  effective_date: "2027-01-31",
});

export async function queueNotice(overrides: Partial<Notification.EnqueueInput> = {}) {
  const props = terminationProps();
  const input: Notification.EnqueueInput = {
    notification_id: newId("NT"),
    template: "termination-notice",
    to: [uniqueEmail("notice")],
    contract_id: props.contract_id,
    props,
    ...overrides,
  };
  await as(systemActor("test"), () => Notification.enqueue(input));
  return input;
}

let sequence = 0;
/** The event Lambda would build from these queue messages (one per id; repeat an id to redeliver it). */
export const sqsEvent = (ids: string[]): SQSEvent => ({
  Records: ids.map((notification_id) => {
    const messageId = `msg-${Date.now()}-${sequence++}`;
    return {
      messageId,
      receiptHandle: `receipt-${messageId}`,
      body: JSON.stringify({ notification_id }),
      attributes: { ApproximateReceiveCount: "1", SentTimestamp: String(Date.now()) },
      messageAttributes: {},
      md5OfBody: "",
      eventSource: "aws:sqs",
      eventSourceARN: "arn:aws:sqs:us-east-1:000000000000:notifications",
      awsRegion: "us-east-1",
    };
  }),
});

export interface StoredMail {
  messageId: string;
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { html?: string; text?: string };
  /** Attachments as SES received them; `content` is base64. */
  attachments?: { filename: string; contentType: string; content: string; size: number }[];
}

/** Mail the local SES server holds for these recipients (the store is shared by every test file). */
export async function mailTo(...recipients: string[]): Promise<StoredMail[]> {
  const response = await fetch(`${process.env.AWS_ENDPOINT_URL_SESV2}/store`);
  const { emails } = (await response.json()) as { emails: StoredMail[] };
  return emails.filter((mail) => mail.destination.to.some((to) => recipients.includes(to)));
}

export const stored = async (id: string) => (await db.entities.notification.get({ notification_id: id }).go()).data!;

/** Alerts queued about a notice (found by status and time, the way an index can). */
export async function alertsAbout(id: string, since: string) {
  const { data } = await db.entities.notification.query.byStatus({ status: "QUEUED" }).gte({ updated_at: since }).go({ pages: "all" });
  return data.filter((n) => n.template === "system-alert" && (n.props as { subject_id?: string }).subject_id === id);
}
