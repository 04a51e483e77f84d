import { Audit } from "@testex/core";
import { noticeTag } from "@testex/core/notification/proof";
import { as } from "#test/fixtures";
import { describe, expect, it } from "vitest";
import { call } from "#test/api";
import { handler, type SNSEvent } from "../src/delivery-recorder";
import { queueNotice, stored } from "./notices";

/** An SNS notification to a Lambda subscriber, as AWS delivers it (shape from AWS's documentation). */
const sns = (message: object): SNSEvent => ({
  Records: [
    {
      EventSource: "aws:sns",
      EventVersion: "1.0",
      EventSubscriptionArn: "arn:aws:sns:eu-central-1:123456789012:testex-dev-MailEvents:2bcfbf39-05c3-41de-beaa-fcfcc21c8f55",
      Sns: {
        Type: "Notification",
        MessageId: "95df01b4-ee98-5cb9-9903-4c221d41eb5e",
        TopicArn: "arn:aws:sns:eu-central-1:123456789012:testex-dev-MailEvents",
        Subject: null,
        Message: JSON.stringify(message),
        Timestamp: "2026-11-30T10:00:02.000Z",
        SignatureVersion: "1",
        Signature: "tcc6faL2yUC6dgZdmrwh1Y4cGa/ebXEkAi6RibDsvpi+tE/1+82j...65r==",
        SigningCertUrl: "https://sns.eu-central-1.amazonaws.com/SimpleNotificationService-0000000000000000000000.pem",
        UnsubscribeUrl: "https://sns.eu-central-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=arn:aws:sns:eu-central-1:123456789012:testex-dev-MailEvents:2bcfbf39",
        MessageAttributes: {},
      },
    },
  ],
});

/** The `mail` object SES puts in every event, with the tags it adds and ours. */
const mail = (notificationId: string, messageId = "0102019a-example-7c191be45-e9aedb9a-000000") => ({
  timestamp: "2026-11-30T10:00:00.000Z",
  source: "noreply@testex-dev.com",
  sourceArn: "arn:aws:ses:eu-central-1:123456789012:identity/testex-dev.com",
  sendingAccountId: "123456789012",
  messageId,
  destination: ["legal@acme.example"],
  headersTruncated: false,
  tags: {
    "ses:configuration-set": ["testex-dev-EmailConfig-abcdefgh"],
    "ses:source-ip": ["192.0.2.0"],
    "ses:from-domain": ["testex-dev.com"],
    "ses:caller-identity": ["testex-dev-NotifierHandlerRole"],
    "ses:outgoing-ip": ["192.0.2.0"],
    [noticeTag(notificationId)!.Name]: [noticeTag(notificationId)!.Value],
  },
});

const delivery = (id: string, timestamp = "2026-11-30T10:00:04.133Z") => ({
  eventType: "Delivery",
  mail: mail(id),
  delivery: {
    timestamp,
    processingTimeMillis: 4133,
    recipients: ["legal@acme.example"],
    smtpResponse: "250 2.6.0 Message received",
    reportingMTA: "a8-70.smtp-out.amazonses.com",
  },
});

const bounce = (id: string) => ({
  eventType: "Bounce",
  mail: mail(id),
  bounce: {
    bounceType: "Permanent",
    bounceSubType: "General",
    bouncedRecipients: [{ emailAddress: "legal@acme.example", action: "failed", status: "5.1.1", diagnosticCode: "smtp; 550 5.1.1 user unknown" }],
    timestamp: "2026-11-30T10:00:03.669Z",
    feedbackId: "0102015da4e4f3b1-example-000000",
    reportingMTA: "dsn; a8-70.smtp-out.amazonses.com",
  },
});

const complaint = (id: string) => ({
  eventType: "Complaint",
  mail: mail(id),
  complaint: {
    complainedRecipients: [{ emailAddress: "legal@acme.example" }],
    timestamp: "2026-11-30T11:12:00.000Z",
    feedbackId: "0102015da4e4f3b1-example-000001",
    userAgent: "Mozilla/5.0",
    complaintFeedbackType: "abuse",
    arrivalDate: "2026-11-30T11:11:58.000Z",
  },
});

const admin = { id: "user-admin", roles: ["admin" as const] };
const trail = async (id: string) => (await as(admin, () => Audit.trail(id, { limit: 100 }))).items.map((entry) => entry.action);

describe("the delivery recorder", () => {
  it("records a Delivery event on its notice as DELIVERED, with SES's timestamp and the receiving server's reply", async () => {
    const { notification_id: id } = await queueNotice();
    await handler(sns(delivery(id)));
    expect(await stored(id)).toMatchObject({
      delivery_status: "DELIVERED",
      delivery_at: "2026-11-30T10:00:04.133Z",
      delivery_detail: "250 2.6.0 Message received",
    });
    expect(await trail(id)).toContain("notification.delivered");
  });

  it("records a Bounce as BOUNCED with its type, never an address", async () => {
    const { notification_id: id } = await queueNotice();
    await handler(sns(bounce(id)));
    const record = await stored(id);
    expect(record).toMatchObject({ delivery_status: "BOUNCED", delivery_at: "2026-11-30T10:00:03.669Z", delivery_detail: "Permanent/General" });
    expect(JSON.stringify(record.delivery_detail)).not.toContain("@");
  });

  it("keeps the latest report whatever order they arrive in, and a repeated one changes nothing", async () => {
    const { notification_id: id } = await queueNotice();
    await handler(sns(complaint(id)));
    await handler(sns(delivery(id)));
    await handler(sns(complaint(id)));
    expect(await stored(id)).toMatchObject({ delivery_status: "COMPLAINED", delivery_at: "2026-11-30T11:12:00.000Z", delivery_detail: "abuse" });
    expect((await trail(id)).filter((action) => action.startsWith("notification.complained") || action === "notification.delivered")).toEqual([
      "notification.complained",
    ]);
  });

  it("finds notices whose ids SES could not carry as they are", async () => {
    const { notification_id: id } = await queueNotice({ notification_id: `reminder:CT1#${Date.now()}` });
    expect(noticeTag(id)!.Name).toBe("notification_id_b64");
    await handler(sns(delivery(id)));
    expect(await stored(id)).toMatchObject({ delivery_status: "DELIVERED" });
  });

  it("drops events about no notice of ours, and events it does not read, without failing", async () => {
    await expect(handler(sns(delivery("NTnothing-like-this")))).resolves.toBeUndefined();
    await expect(handler(sns({ eventType: "Open", mail: mail("x"), open: { timestamp: "2026-11-30T10:00:00Z" } }))).resolves.toBeUndefined();
  });

  it("shows an admin the proof of delivery through the API", async () => {
    const { notification_id: id } = await queueNotice();
    await handler(sns(delivery(id)));
    const reply = await call("GET", `/api/notifications/${id}`, { as: "admin" });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ delivery_status: "DELIVERED", delivery_at: "2026-11-30T10:00:04.133Z" });
  });
});
