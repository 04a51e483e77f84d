/**
 * The event-driven parts of the system that AWS runs as separate functions
 * (stream processor, queue worker, schedules), run in-process by `npm start`
 * on the same handler code. Each returns a function that stops it.
 */
import { Resource } from "sst";
import { describeError, log } from "@testex/core";
import { handler as processor, outboxEventId } from "@testex/functions/processor";
import { NOTICE_QUEUE, STREAM_SUBSCRIPTION, WEBHOOK_QUEUE } from "@testex/stage/event-sources";
import { startFileWorker } from "./file-worker";
import { startMailEvents } from "./mail-events";
import { startQueueWorker } from "@testex/aws-local/queue-worker";
import { startStreamReader } from "@testex/aws-local/stream-reader";

export type StopWorker = () => Promise<void>;

/** AWS runs the scheduler hourly; locally every minute, so a termination due today ends soon after its approval. */
const LOCAL_SCHEDULE_MS = Number(process.env.TESTEX_SCHEDULER_INTERVAL_MS ?? 60_000);

/** Runs a scheduled handler now and then every `ms`, never two runs at once, the way an EventBridge schedule invokes a Lambda. */
function every(ms: number, name: string, run: (event: unknown) => Promise<unknown>): StopWorker {
  let current: Promise<unknown> = Promise.resolve();
  const tick = () => {
    current = current.then(() => run({ source: "local.schedule" }).catch((error) => log.error(`${name} failed`, describeError(error))));
  };
  tick();
  const timer = setInterval(tick, ms);
  return async () => {
    clearInterval(timer);
    await current;
  };
}

export async function startWorkers(): Promise<StopWorker> {
  // Handlers that pull in rendering or S3 load only here, as their Lambdas would.
  const { handler: notifier } = await import("@testex/functions/notifier");
  const { handler: scheduler } = await import("@testex/functions/scheduler");
  const { handler: deliveryRecorder } = await import("@testex/functions/delivery-recorder");
  const { handler: webhookSender } = await import("@testex/functions/webhook-sender");
  const stops: StopWorker[] = [
    // AWS: the table stream's subscriber, filtered to outbox INSERTs.
    await startStreamReader({
      table: Resource.Table.name,
      mapping: STREAM_SUBSCRIPTION,
      handler: processor,
      accept: (record) => outboxEventId(record) !== undefined,
      // AWS: the mapping's on-failure destination, the OutboxFailures queue.
      onFailure: async (failure) => {
        const { SQSClient, SendMessageCommand } = await import("@aws-sdk/client-sqs");
        await new SQSClient({}).send(new SendMessageCommand({ QueueUrl: Resource.OutboxFailures.url, MessageBody: JSON.stringify(failure) }));
      },
    }),
    // AWS: the notification queue's subscriber.
    startQueueWorker({
      queueUrl: Resource.NotificationQueue.url,
      handler: notifier,
      batchSize: NOTICE_QUEUE.batchSize,
      onError: (error) => log.warn("notice queue poll failed", describeError(error)),
    }),
    // AWS: the webhook queue's subscriber.
    startQueueWorker({
      queueUrl: Resource.WebhookQueue.url,
      handler: webhookSender,
      batchSize: WEBHOOK_QUEUE.batchSize,
      onError: (error) => log.warn("webhook queue poll failed", describeError(error)),
    }),
    // AWS: the files bucket's ObjectCreated notifications.
    await startFileWorker(),
    // AWS: SES's configuration set publishes delivery, bounce and complaint events to a topic.
    await startMailEvents(deliveryRecorder),
    every(LOCAL_SCHEDULE_MS, "scheduler", scheduler),
  ];
  return async () => {
    await Promise.all(stops.map((stop) => stop()));
  };
}
