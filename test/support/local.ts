/**
 * The pieces of the local runtime that tests drive directly: provisioning a
 * table of their own, the workers AWS would run, tokens (signed with the local
 * OpenID Provider's key) and free ports. Tests
 * reach them through here, so no package's tests import the package above it.
 */
import { startStreamReader as readStream, type StreamReaderOptions } from "@testex/aws-local/stream-reader";
import { STREAM_SUBSCRIPTION } from "../../infra/event-sources";

export { ensureBuckets, ensureTable } from "@testex/local/provision";
export { repoRoot } from "@testex/local/paths";
export { freePort } from "@testex/aws-local/process";
export { startQueueWorker } from "@testex/aws-local/queue-worker";
export { mintToken, stackSigner } from "@testex/local/token";
export { oidcKeys } from "@testex/local/oidc-keys";

/** The stream reader with the processor's event source mapping from infra, as AWS runs it. */
export const startStreamReader = (options: Omit<StreamReaderOptions, "mapping">) => readStream({ mapping: STREAM_SUBSCRIPTION, ...options });
