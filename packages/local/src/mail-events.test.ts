import { Notification, systemActor } from "@testex/core";
import { db } from "@testex/core/entities";
import { newId } from "@testex/core/id";
import { handler as recorder } from "@testex/functions/delivery-recorder";
import { handler as notifier } from "@testex/functions/notifier";
import { as, uniqueEmail } from "#test/fixtures";
import { describe, expect, it } from "vitest";
import { SIMULATOR, startMailEvents } from "./mail-events";

async function queueNotice(to: string) {
  const notification_id = newId("NT");
  const contract_id = newId("CT");
  await as(systemActor("test"), () =>
    Notification.enqueue({
      notification_id,
      template: "termination-notice",
      to: [to],
      contract_id,
      props: { contract_id, contract_title: "Office cleaning 2026", client_name: "Acme Facilities GmbH", reason: "Breach", effective_date: "2027-01-31" },
    }),
  );
  return notification_id;
}

const sqsEvent = (ids: string[]) => ({
  Records: ids.map((notification_id, n) => ({
    messageId: `msg-${Date.now()}-${n}`,
    receiptHandle: `receipt-${Date.now()}-${n}`,
    body: JSON.stringify({ notification_id }),
    attributes: { ApproximateReceiveCount: "1", SentTimestamp: String(Date.now()) },
    messageAttributes: {},
    md5OfBody: "",
    eventSource: "aws:sqs" as const,
    eventSourceARN: "arn:aws:sqs:us-east-1:000000000000:notifications",
    awsRegion: "us-east-1",
  })),
});

const stored = async (id: string) => (await db.entities.notification.get({ notification_id: id }).go({ consistent: true })).data!;

describe("the local runtime's mail events", () => {
  it("report a sent notice as delivered, and one to SES's bounce simulator as bounced, the way SES's configuration set would", async () => {
    const delivered = await queueNotice(uniqueEmail("notice"));
    const bounced = await queueNotice(SIMULATOR.bounce);
    const stop = await startMailEvents(recorder);
    try {
      await notifier(sqsEvent([delivered, bounced]));
    } finally {
      await stop();
    }
    const [sent, lost] = [await stored(delivered), await stored(bounced)];
    expect(sent).toMatchObject({ status: "SENT", delivery_status: "DELIVERED" });
    expect(Date.parse(sent.delivery_at!)).toBeGreaterThan(Date.parse(sent.sent_at!) - 5000);
    expect(lost).toMatchObject({ status: "SENT", delivery_status: "BOUNCED", delivery_detail: "Permanent/General" });
  });
});
