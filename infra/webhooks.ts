import { readWriteItems, sendMessages } from "./access";
import { WEBHOOK_QUEUE } from "@testex/stage/event-sources";
import { lambda } from "./function";
import { config, settings } from "./settings";
import { table } from "./storage";

/** Webhook deliveries that spent their attempts: each is also DEAD in its delivery log, replayable there. An alarm fires on the first. */
export const webhookDeadLetters = new sst.aws.Queue("WebhookDeadLetters", {
  transform: { queue: { messageRetentionSeconds: 14 * 24 * 3600 } },
});

/** One message per webhook delivery; see WEBHOOK_QUEUE for the timings. */
export const webhookQueue = new sst.aws.Queue("WebhookQueue", {
  visibilityTimeout: `${WEBHOOK_QUEUE.visibilityTimeoutSeconds} seconds`,
  dlq: { queue: webhookDeadLetters.arn, retry: config.settings.webhooks.maxAttempts },
});

/**
 * Sends each delivery to its receiver, signed; a failed one goes back to the
 * queue alone (partial batch response), hidden for longer each time. It reads
 * the table and calls out to the internet, nothing else: the processor and
 * the API queue the deliveries.
 */
export const webhookSender = webhookQueue.subscribe(
  lambda({
    handler: "packages/functions/src/webhook-sender.handler",
    description: "Sends signed webhook deliveries to their receivers",
    memory: "256 MB",
    timeout: `${WEBHOOK_QUEUE.consumerTimeoutSeconds} seconds`,
    link: [table, webhookQueue, settings],
    permissions: [readWriteItems(table)],
  }),
  { batch: { size: WEBHOOK_QUEUE.batchSize, partialResponses: true } },
);

export const outputs = { webhookQueue: webhookQueue.url };
