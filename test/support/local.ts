/**
 * The pieces of the local runtime that tests drive directly: provisioning a
 * table of their own, the workers AWS would run, tokens (signed with the local
 * OpenID Provider's key) and free ports. Tests
 * reach them through here, so no package's tests import the package above it.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { startStreamReader as readStream, type StreamReaderOptions } from "@testex/aws-local/stream-reader";
import { ensureTable } from "@testex/local/provision";
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
/**
 * Points this test file's code, and the processes it starts, at a table of its own, created now: for a test that reads a whole
 * table (an export, a restore, a job over every contract), which on the shared table would read
 * everything the run wrote so far. Call it at the top of the file, before anything touches the table.
 */
export async function useOwnTable(prefix: string): Promise<string> {
  const name = `${prefix}-${randomUUID().slice(0, 8)}`;
  await ensureTable(new DynamoDBClient({}), name);
  // Resource hands out one object per link; the entities read its name when they are first used.
  Object.assign(Resource.Table, { name });
  // And the processes the file starts (a notifier made to crash) read the link from their environment.
  process.env.SST_RESOURCE_Table = JSON.stringify({ ...JSON.parse(process.env.SST_RESOURCE_Table ?? "{}"), name });
  return name;
}
