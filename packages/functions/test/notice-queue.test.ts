import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from "@aws-sdk/client-sqs";
import { Notification, systemActor } from "@testex/core";
import { retryDelaySeconds, sqs } from "@testex/core/notification/queue";
import { newId } from "@testex/core/id";
import { as, uniqueEmail } from "#test/fixtures";
import { startQueueWorker, useOwnQueues, useOwnTable } from "#test/local";
import { mockClient } from "aws-sdk-client-mock";
import { Resource } from "sst";
import { describe, expect, it } from "vitest";
import { NOTICE_QUEUE } from "@testex/stage/event-sources";
import { handler } from "../src/notifier";
import type { SQSEvent } from "../src/sqs-event";
import { mailTo, queueNotice, stored, terminationProps } from "./notices";

// The sweeper, a quarter of an hour ahead, announces every notice still queued in the table: this file's own, so only its own.
await useOwnTable("notice-queue-test");
// Its announcements are read off the notification queue: a queue of its own holds this file's alone, not every file's.
await useOwnQueues("notice-queue-test");

const client = new SQSClient({});

/** Reads this file's notification queue until the message for `id` shows up. */
async function findAnnouncement(id: string): Promise<boolean> {
  for (;;) {
    const { Messages = [] } = await client.send(new ReceiveMessageCommand({ QueueUrl: Resource.NotificationQueue.url, MaxNumberOfMessages: 10, VisibilityTimeout: 600 }));
    if (Messages.length === 0) return false;
    if (Messages.some((m) => JSON.parse(m.Body!).notification_id === id)) return true;
  }
}

/** A queue of this test's own, on the local SQS stand-in, created with these attributes. */
async function ownQueue(attributes: Record<string, string> = { VisibilityTimeout: "1" }): Promise<string> {
  const name = `test-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  return (await client.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }))).QueueUrl!;
}

const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 60_000, interval: 100 });

/** Messages the queue still holds, visible or in flight. */
async function held(queueUrl: string): Promise<number> {
  const { Attributes = {} } = await client.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"] }),
  );
  return Number(Attributes.ApproximateNumberOfMessages ?? 0) + Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0);
}

describe("queueing a notice", () => {
  it("creates it once however often the same id is enqueued", async () => {
    const notice = await queueNotice();
    const again = await as(systemActor("test"), () => Notification.enqueue({ ...notice, to: [uniqueEmail()] }));

    expect(again).toBe(false);
    expect((await stored(notice.notification_id)).to).toEqual(notice.to);
  });

  it("refuses props that do not fit the template, and writes nothing", async () => {
    const notice = { notification_id: `bad-${Date.now()}`, template: "approval-request", to: [uniqueEmail()], props: { contract_id: "CT0000ABCD" } };
    await expect(as(systemActor("test"), () => Notification.enqueue(notice))).rejects.toMatchObject({ code: "validation.failed" });
    expect(await Notification.get(notice.notification_id).catch((e) => e.code)).toBe("notification.not_found");
  });

  it("refuses a notice whose link leads outside the stage's console, and writes nothing", async () => {
    const props = { contract_id: newId("CT"), contract_title: "Lease", requested_by: "Ed", reason: "Breach", value: 1, currency: "EUR", effective_date: "2027-01-31" };
    const notice = { notification_id: newId("NT"), template: "approval-request", to: [uniqueEmail()], props: { ...props, review_url: "https://evil.example/login" } };
    await expect(as(systemActor("test"), () => Notification.enqueue(notice))).rejects.toMatchObject({ code: "validation.failed" });
    expect(await Notification.get(notice.notification_id).catch((e) => e.code)).toBe("notification.not_found");
  });

  it("accepts optional props given as undefined", async () => {
    const notice = await queueNotice({ props: { ...terminationProps(), client_message: undefined } });
    expect((await stored(notice.notification_id)).props).not.toHaveProperty("client_message");
  });

  it("announces the notice on the notification queue", async () => {
    const notice = await queueNotice();
    expect(await findAnnouncement(notice.notification_id)).toBe(true);
  });

  it("keeps the notice when the queue is unreachable, and the sweeper announces it later", async () => {
    const sqsMock = mockClient(await sqs()).on(SendMessageBatchCommand).rejects(Object.assign(new Error("unreachable"), { name: "ServiceUnavailable" }));
    const notice = await queueNotice();
    sqsMock.restore();
    expect(await stored(notice.notification_id)).toMatchObject({ status: "QUEUED" });

    const swept = await Notification.sweep(new Date(Date.now() + Notification.STALE_AFTER_MS + 1000));
    expect(swept).toBeGreaterThan(0);
    expect(await findAnnouncement(notice.notification_id)).toBe(true);
  });

  it("does not announce again a notice that was just queued", async () => {
    const notice = await queueNotice();
    await findAnnouncement(notice.notification_id);
    await Notification.sweep();
    expect(await findAnnouncement(notice.notification_id)).toBe(false);
  });
});

describe("retrying", () => {
  it("waits twice as long after each failed receive, at most 15 minutes", () => {
    expect([1, 2, 3, 4, 5, 10].map(retryDelaySeconds)).toEqual([30, 60, 120, 240, 480, 900]);
  });
});

describe("the local queue worker", () => {
  it("hands queue messages to the notifier as SQS events, and the mail arrives", async () => {
    const queueUrl = await ownQueue();
    const stop = startQueueWorker({ queueUrl, handler });
    try {
      const notice = await queueNotice();
      await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify({ notification_id: notice.notification_id }) }));
      await poll(async () => (await mailTo(...notice.to)).length).toBe(1);
      // The notifier records the send after SES took the mail: on a loaded machine the mail can be seen first.
      await poll(async () => (await stored(notice.notification_id)).status).toBe("SENT");
    } finally {
      await stop();
    }
  });

  it("redelivers a message the handler reports as failed, after the queue's visibility timeout, and deletes it once handled", async () => {
    const queueUrl = await ownQueue();
    const seen: SQSEvent["Records"] = [];
    const stop = startQueueWorker({
      queueUrl,
      handler: async (event) => {
        seen.push(...event.Records);
        return { batchItemFailures: seen.length === 1 ? [{ itemIdentifier: event.Records[0]!.messageId }] : [] };
      },
    });
    try {
      await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: '{"notification_id":"X"}' }));
      await poll(async () => seen.length).toBeGreaterThanOrEqual(2);
      await poll(() => held(queueUrl)).toBe(0);
      expect(seen.map((r) => r.attributes.ApproximateReceiveCount)).toEqual(["1", "2"]);
      expect(seen[0]!.messageId).toBe(seen[1]!.messageId);
    } finally {
      await stop();
    }
  });
});

describe("the local SQS stand-in", () => {
  it("holds the notification queue to infra's visibility timeout and dead-letter policy", async () => {
    const { Attributes } = await client.send(new GetQueueAttributesCommand({ QueueUrl: Resource.NotificationQueue.url, AttributeNames: ["All"] }));
    expect(Number(Attributes!.VisibilityTimeout)).toBe(NOTICE_QUEUE.visibilityTimeoutSeconds);
    expect(JSON.parse(Attributes!.RedrivePolicy!).maxReceiveCount).toBe(NOTICE_QUEUE.maxReceiveCount);
  });

  it("moves a message that failed maxReceiveCount times to the dead-letter queue instead of delivering it again", async () => {
    const deadLetters = await ownQueue();
    const deadName = deadLetters.split("/").pop();
    const queueUrl = await ownQueue({
      VisibilityTimeout: "1",
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: `arn:aws:sqs:us-east-1:000000000000:${deadName}`, maxReceiveCount: 2 }),
    });
    let deliveries = 0;
    const stop = startQueueWorker({
      queueUrl,
      handler: async (event) => {
        deliveries += event.Records.length;
        return { batchItemFailures: event.Records.map((r) => ({ itemIdentifier: r.messageId })) };
      },
    });
    try {
      await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: '{"notification_id":"never-sent"}' }));
      const arrived = async () => (await client.send(new ReceiveMessageCommand({ QueueUrl: deadLetters, VisibilityTimeout: 600 }))).Messages ?? [];
      let dead: Awaited<ReturnType<typeof arrived>> = [];
      await poll(async () => (dead = await arrived()).length).toBeGreaterThan(0);
      expect(dead[0]!.Body).toBe('{"notification_id":"never-sent"}');
      expect(deliveries).toBe(2);
    } finally {
      await stop();
    }
  });
});
