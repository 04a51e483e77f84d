import { SESv2Client, SendEmailCommand } from "@aws-sdk/client-sesv2";
import { Audit, settings } from "@testex/core";
import { MAX_ATTEMPTS } from "@testex/core/notification/delivery";
import { ses } from "@testex/core/notification/ses";
import { uniqueEmail } from "#test/fixtures";
import { mockClient } from "aws-sdk-client-mock";
import { Resource } from "sst";
import { afterEach, describe, expect, it } from "vitest";
import { handler } from "../src/notifier";
import { alertsAbout, mailTo, queueNotice, sqsEvent, stored } from "./notices";

const real = new SESv2Client({});
const sesMock = mockClient(await ses());
afterEach(() => sesMock.reset());
// Until a test injects a fault, mail goes to the real local SES server.
const forward = (input: SendEmailCommand["input"]) => real.send(new SendEmailCommand(input));
const passThrough = () => sesMock.on(SendEmailCommand).callsFake(forward);
const sesError = (name: string, status: number) => Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });

describe("the notifier", () => {
  it("sends a queued notice from the stage's sender with its subject, HTML and text parts, and records it SENT", async () => {
    passThrough();
    const notice = await queueNotice();
    const reply = await handler(sqsEvent([notice.notification_id]));

    expect(reply.batchItemFailures).toEqual([]);
    const [mail, ...others] = await mailTo(...notice.to);
    expect(others).toEqual([]);
    expect(mail!.from).toBe(settings().senderEmail);
    expect(settings().senderEmail.endsWith(`@${Resource.Email.sender}`)).toBe(true);
    expect(mail!.subject).toBe(`Notice of termination: Office cleaning 2026 (${notice.contract_id})`);
    expect(mail!.body.html).toContain(notice.contract_id);
    expect(mail!.body.text).toContain("Acme Facilities GmbH");
    const record = await stored(notice.notification_id);
    expect(record).toMatchObject({ status: "SENT", attempts: 1 });
    expect(record.ses_message_id).toBeTruthy();
    expect(record.claim_token).toBeUndefined();
  });

  it("sends a notice once when its queue message is delivered twice at the same time and again later", async () => {
    passThrough();
    const notice = await queueNotice();
    const id = notice.notification_id;
    await Promise.all([handler(sqsEvent([id, id])), handler(sqsEvent([id]))]);
    const late = await handler(sqsEvent([id]));

    expect(late.batchItemFailures).toEqual([]);
    expect(await mailTo(...notice.to)).toHaveLength(1);
  });

  it("retries a throttled notice on the next delivery and sends it once", async () => {
    sesMock.on(SendEmailCommand).rejectsOnce(sesError("TooManyRequestsException", 429)).callsFake(forward);
    const notice = await queueNotice();
    const event = sqsEvent([notice.notification_id]);

    const first = await handler(event);
    expect(first.batchItemFailures).toEqual([{ itemIdentifier: event.Records[0]!.messageId }]);
    expect(await stored(notice.notification_id)).toMatchObject({ status: "FAILED", attempts: 1, last_error_code: "TooManyRequestsException" });

    const second = await handler(event);
    expect(second.batchItemFailures).toEqual([]);
    expect(await stored(notice.notification_id)).toMatchObject({ status: "SENT", attempts: 2 });
    expect(await mailTo(...notice.to)).toHaveLength(1);
  });

  it("audits every change of a notice's state, by the notifier", async () => {
    sesMock.on(SendEmailCommand).rejectsOnce(sesError("ThrottlingException", 400)).callsFake(forward);
    const notice = await queueNotice();
    await handler(sqsEvent([notice.notification_id]));
    await handler(sqsEvent([notice.notification_id]));

    const { items } = await Audit.trail(notice.notification_id, { limit: 10 });
    expect(items.map((e) => [e.action, e.actor]).reverse()).toEqual([
      ["notification.queued", "system:test"],
      ["notification.failed", "system:notifier"],
      ["notification.sent", "system:notifier"],
    ]);
  });

  it(`gives up after ${MAX_ATTEMPTS} transient failures: the notice is DEAD and operators are alerted`, async () => {
    sesMock.on(SendEmailCommand).rejects(sesError("ServiceUnavailable", 503));
    const since = new Date().toISOString();
    const notice = await queueNotice();
    const failures: number[] = [];
    for (let i = 0; i < MAX_ATTEMPTS; i++) failures.push((await handler(sqsEvent([notice.notification_id]))).batchItemFailures.length);

    expect(failures).toEqual([...Array(MAX_ATTEMPTS - 1).fill(1), 0]);
    expect(await stored(notice.notification_id)).toMatchObject({ status: "DEAD", attempts: MAX_ATTEMPTS, last_error_code: "ServiceUnavailable" });
    expect(await alertsAbout(notice.notification_id, since)).toHaveLength(1);
  });

  it("dead-letters a permanently refused notice at once, keeps it whole, and the operators' alert goes out", async () => {
    sesMock.on(SendEmailCommand).rejects(sesError("MessageRejected", 400));
    const since = new Date().toISOString();
    const notice = await queueNotice();
    const reply = await handler(sqsEvent([notice.notification_id]));

    expect(reply.batchItemFailures).toEqual([]);
    const dead = await stored(notice.notification_id);
    expect(dead).toMatchObject({ status: "DEAD", attempts: 1, last_error_code: "MessageRejected", to: notice.to, props: notice.props });

    sesMock.reset();
    passThrough();
    const [alert] = await alertsAbout(notice.notification_id, since);
    await handler(sqsEvent([alert!.notification_id]));
    const [mail] = await mailTo(...settings().operatorEmails).then((mails) => mails.filter((m) => m.subject.includes(notice.notification_id)));
    expect(mail!.subject).toBe(`[TESTEX alert] A notice could not be delivered: ${notice.notification_id}`);
    expect(mail!.body.text).toContain("MessageRejected");
    expect(await mailTo(...notice.to)).toEqual([]);
  });

  it("raises no alert about an alert that dies", async () => {
    sesMock.on(SendEmailCommand).rejects(sesError("MessageRejected", 400));
    const since = new Date().toISOString();
    const alert = await queueNotice({
      template: "system-alert",
      to: [uniqueEmail("operator")],
      contract_id: undefined,
      props: { kind: "BACKUP_FAILED", summary: "The nightly backup failed.", subject_id: "backup-2026-11-24", occurred_at: since },
    });
    await handler(sqsEvent([alert.notification_id]));

    expect(await stored(alert.notification_id)).toMatchObject({ status: "DEAD" });
    expect(await alertsAbout(alert.notification_id, since)).toEqual([]);
  });

  it("drops a queue message that names no notice instead of retrying it forever", async () => {
    const event = sqsEvent([]);
    event.Records.push({ ...sqsEvent(["x"]).Records[0]!, body: "not json" });
    expect((await handler(event)).batchItemFailures).toEqual([]);
  });

  it("sends 200 queued notices exactly once each, though every message arrives twice", async () => {
    passThrough();
    const notices: Awaited<ReturnType<typeof queueNotice>>[] = [];
    for (let i = 0; i < 200; i += 25) notices.push(...(await Promise.all(Array.from({ length: 25 }, () => queueNotice()))));
    const ids = notices.map((n) => n.notification_id);
    const batches: string[][] = [];
    for (let i = 0; i < ids.length; i += 10) batches.push(ids.slice(i, i + 10), ids.slice(i, i + 10).reverse());
    // Two workers at a time, like two Lambda instances on one queue.
    for (let i = 0; i < batches.length; i += 2) {
      const replies = await Promise.all(batches.slice(i, i + 2).map((batch) => handler(sqsEvent(batch))));
      expect(replies.flatMap((r) => r.batchItemFailures)).toEqual([]);
    }

    const mails = await mailTo(...notices.flatMap((n) => n.to));
    expect(mails).toHaveLength(200);
    expect(new Set(mails.map((m) => m.destination.to[0])).size).toBe(200);
  });
});
