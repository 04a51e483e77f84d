import { CreateQueueCommand, GetQueueAttributesCommand, SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import type { SQSRecord } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, type Running } from "./process";
import { startQueueWorker } from "./queue-worker";
import { startSqs } from "./sqs-server";

describe("the queue worker, on the SQS stand-in", () => {
  let sqs: Running;
  let client: SQSClient;
  beforeAll(async () => {
    sqs = await startSqs({ port: await freePort() });
    client = new SQSClient({ endpoint: sqs.endpoint, region: "us-east-1", credentials: { accessKeyId: "local", secretAccessKey: "local" } });
  });
  afterAll(() => sqs?.stop());

  it("hands messages to the handler as an SQS event, deletes what succeeded and lets a reported failure come back", async () => {
    const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: "worker", Attributes: { VisibilityTimeout: "1" } }));
    await client.send(new SendMessageCommand({ QueueUrl, MessageBody: "fine" }));
    await client.send(new SendMessageCommand({ QueueUrl, MessageBody: "fails once" }));
    const seen: SQSRecord[] = [];
    const stop = startQueueWorker({
      queueUrl: QueueUrl!,
      endpoint: sqs.endpoint,
      handler: async ({ Records }) => {
        seen.push(...Records);
        const first = Records.find((record) => record.body === "fails once" && record.attributes.ApproximateReceiveCount === "1");
        return { batchItemFailures: first ? [{ itemIdentifier: first.messageId }] : [] };
      },
    });
    try {
      await expect.poll(() => seen.map((record) => `${record.body} #${record.attributes.ApproximateReceiveCount}`).sort()).toEqual([
        "fails once #1",
        "fails once #2",
        "fine #1",
      ]);
      expect(seen[0]).toMatchObject({ eventSource: "aws:sqs", eventSourceARN: expect.stringMatching(/:worker$/) });
      await expect
        .poll(async () => (await client.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"] }))).Attributes)
        .toMatchObject({ ApproximateNumberOfMessages: "0", ApproximateNumberOfMessagesNotVisible: "0" });
    } finally {
      await stop();
    }
  });
});
