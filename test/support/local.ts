/**
 * The pieces of the local runtime that tests drive directly: provisioning a
 * table and queues of their own, the workers AWS would run, tokens (signed with the local
 * OpenID Provider's key) and free ports. Tests
 * reach them through here, so no package's tests import the package above it.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { startStreamReader as readStream, type StreamReaderOptions } from "@testex/aws-local/stream-reader";
import { SQSClient } from "@aws-sdk/client-sqs";
import { settings } from "@testex/core/config";
import { ensureQueues, ensureTable } from "@testex/local/provision";
import { randomUUID } from "node:crypto";
import { Resource } from "sst";
import { STREAM_SUBSCRIPTION } from "@testex/stage/event-sources";

export { ensureBuckets, ensureTable } from "@testex/local/provision";
export { repoRoot } from "@testex/local/paths";
export { freePort } from "@testex/aws-local/process";
export { startCognito } from "@testex/aws-local/cognito-server";
export { startQueueWorker } from "@testex/aws-local/queue-worker";
export { streamEnd } from "@testex/aws-local/stream-reader";
export { mintToken, stackSigner } from "@testex/local/token";
export { oidcKeys } from "@testex/local/oidc-keys";
export { SIMULATOR, startMailEvents } from "@testex/local/mail-events";

/** The stream reader with the processor's event source mapping from infra, as AWS runs it. */
export const startStreamReader = (options: Omit<StreamReaderOptions, "mapping">) => readStream({ mapping: STREAM_SUBSCRIPTION, ...options });
/** Points `link` at other values, for this file's code (Resource hands out one object per link, read when used) and the processes it starts (which read their environment). */
function relink(link: "Table" | QueueLink, values: Record<string, string>): void {
  Object.assign(Resource[link], values);
  const variable = `SST_RESOURCE_${link}`;
  process.env[variable] = JSON.stringify({ ...JSON.parse(process.env[variable] ?? "{}"), ...values });
}

/**
 * Points this test file's code, and the processes it starts, at a table of its own, created now:
 * for a test that reads a whole table (an export, a restore, a job over every contract, webhook
 * subscriptions), which on the shared table would read everything the run wrote so far. Call it at
 * the top of the file, before anything touches the table.
 */
export async function useOwnTable(prefix: string): Promise<string> {
  const name = `${prefix}-${randomUUID().slice(0, 8)}`;
  await ensureTable(new DynamoDBClient({}), name);
  relink("Table", { name });
  return name;
}

type QueueLink = "NotificationQueue" | "OutboxFailures" | "WebhookQueue" | "WebhookDeadLetters";

/**
 * Points this test file's code, and the processes it starts, at queues of its own, made as the
 * stack's are (timeouts, dead-letter queues): for a file that runs a queue's worker, which on a
 * shared queue would take other files' messages, and drop those whose records are in another table.
 */
export async function useOwnQueues(prefix: string): Promise<void> {
  const id = `${prefix}-${randomUUID().slice(0, 8)}`;
  const queues = {
    notifications: `${id}-notifications`,
    deadLetters: `${id}-dead-letters`,
    outboxFailures: `${id}-outbox-failures`,
    webhooks: `${id}-webhooks`,
    webhookDeadLetters: `${id}-webhook-dead-letters`,
  };
  await ensureQueues(new SQSClient({}), queues, settings().webhooks);
  const links: Record<QueueLink, string> = {
    NotificationQueue: queues.notifications,
    OutboxFailures: queues.outboxFailures,
    WebhookQueue: queues.webhooks,
    WebhookDeadLetters: queues.webhookDeadLetters,
  };
  for (const [link, name] of Object.entries(links) as [QueueLink, string][]) relink(link, { url: Resource[link].url.replace(/[^/]+$/, name) });
}
