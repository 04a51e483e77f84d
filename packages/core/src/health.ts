import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { Resource } from "sst";
import { settings } from "./config";
import { dynamo, tableName } from "./db/dynamo";
import { onFirstUse } from "./lazy";
import { describeError, log } from "./log";

export const HEALTH_CHECKS = ["table", "files", "archives", "backups", "mail"] as const;
export type HealthCheck = (typeof HEALTH_CHECKS)[number];
/** `error` covers unreachable, missing and forbidden alike: the reason is logged, not published. */
export type CheckResult = "ok" | "timeout" | "error";

export interface Health {
  status: "ok" | "degraded";
  checks: Record<HealthCheck, CheckResult>;
}

/** What to check; the app's own resources unless a test names others. */
export interface HealthTargets {
  table: () => string;
  files: () => string;
  archives: () => string;
  backups: () => string;
}

const appTargets: HealthTargets = {
  table: tableName,
  files: () => Resource.Files.name,
  archives: () => Resource.Archives.name,
  backups: () => Resource.Backups.name,
};

// The S3 and SES clients are loaded on the first health check, not when the API starts:
// the API's cold start pays only for what every request needs.
const headBucket = onFirstUse(async () => {
  const { S3Client, HeadBucketCommand } = await import("@aws-sdk/client-s3");
  const client = new S3Client({ forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3), maxAttempts: 1 });
  return (bucket: string, abortSignal: AbortSignal) => client.send(new HeadBucketCommand({ Bucket: bucket }), { abortSignal });
});

const getAccount = onFirstUse(async () => {
  const { SESv2Client, GetAccountCommand } = await import("@aws-sdk/client-sesv2");
  const client = new SESv2Client({ maxAttempts: 1 });
  return async (abortSignal: AbortSignal) => {
    const account = await client.send(new GetAccountCommand({}), { abortSignal });
    if (account.SendingEnabled === false) throw new Error("Sending is disabled for this account");
  };
});

/** Runs one check with a deadline; never throws. */
async function within(check: HealthCheck, timeoutMs: number, run: (signal: AbortSignal) => Promise<unknown>): Promise<CheckResult> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve("timeout");
    }, timeoutMs);
  });
  try {
    const result = await Promise.race([run(controller.signal).then(() => "ok" as const), deadline]);
    if (result === "timeout") log.warn("health check timed out", { check, timeout_ms: timeoutMs });
    return result;
  } catch (error) {
    log.warn("health check failed", { check, ...describeError(error) });
    return "error";
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Whether the table, the three buckets and mail answer, each within
 * `timeoutMs` (the stage's setting), all at once. Each check is the cheapest
 * call that proves access: a GetItem of a key that never exists, HeadBucket,
 * SES GetAccount.
 */
export async function checkHealth(timeoutMs = settings().healthTimeoutMs, targets: HealthTargets = appTargets): Promise<Health> {
  // The clients load before any deadline starts: the deadline measures the dependencies, not this process's start-up.
  const [head, account] = await Promise.all([headBucket(), getAccount()]);
  const bucket = (name: () => string) => (signal: AbortSignal) => head(name(), signal);
  const [table, files, archives, backups, mail] = await Promise.all([
    within("table", timeoutMs, (abortSignal) =>
      dynamo.send(new GetItemCommand({ TableName: targets.table(), Key: { pk: { S: "health" }, sk: { S: "health" } } }), { abortSignal }),
    ),
    within("files", timeoutMs, bucket(targets.files)),
    within("archives", timeoutMs, bucket(targets.archives)),
    within("backups", timeoutMs, bucket(targets.backups)),
    within("mail", timeoutMs, account),
  ]);
  const checks = { table, files, archives, backups, mail };
  return { status: Object.values(checks).every((c) => c === "ok") ? "ok" : "degraded", checks };
}
