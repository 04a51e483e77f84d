/**
 * The pieces of the local runtime that tests drive directly: provisioning a
 * table of their own, the workers AWS would run, tokens (signed with the local
 * OpenID Provider's key) and free ports. Tests
 * reach them through here, so no package's tests import the package above it.
 */
export { ensureBuckets, ensureTable } from "@testex/local/provision";
export { repoRoot } from "@testex/local/paths";
export { freePort } from "@testex/local/process";
export { startQueueWorker } from "@testex/local/queue-worker";
export { startStreamReader } from "@testex/local/stream-reader";
export { mintToken, stackSigner } from "@testex/local/token";
export { oidcKeys } from "@testex/local/oidc-keys";
