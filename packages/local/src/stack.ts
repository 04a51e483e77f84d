import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { Settings } from "@testex/core/config";
import { S3Client } from "@aws-sdk/client-s3";
import { join } from "node:path";
import { localEnvironment, localResources, type LocalResources } from "./environment";
import { oidcKeysFile } from "./oidc-keys";
import { assertPortFree, freePort, type Running } from "@testex/aws-local/process";
import { SQSClient } from "@aws-sdk/client-sqs";
import { startOidc } from "./oidc-provider";
import { timed, type Progress } from "./progress";
import { allowBrowsers, ensureBuckets, ensureQueues, ensureTable, namingFailures } from "./provision";
import { startSqs } from "@testex/aws-local/sqs-server";
import { startDynamo, startS3, startSes } from "@testex/aws-local/stand-ins";
import { s3Events } from "./s3-events";

export interface StackOptions {
  stage: string;
  /** Keep data here across restarts; without it DynamoDB is in memory and S3 uses a temp dir. */
  dataDir: string;
  persistent: boolean;
  /** Fixed ports (npm start) or free ones picked at random (tests). */
  ports?: { dynamo: number; s3: number; ses: number; sqs: number; oidc: number; web: number };
  /** Settings that differ from what a deployed stage of this name gets (tests inject their deadlines here). */
  settings?: Partial<Settings>;
  /** Told as each stand-in is ready or stopped, with timings (npm start prints it). */
  progress?: Progress;
  /** A test run's stack, which lives minutes: DynamoDB Local's JVM compiles for a quick start, not peak speed. */
  shortLived?: boolean;
}

export interface Stack {
  env: Record<string, string>;
  resources: LocalResources;
  services: Running[];
  stop(): Promise<void>;
}

/**
 * Starts DynamoDB Local, S3, SES and SQS stand-ins and the OpenID Provider on
 * 127.0.0.1 and provisions the table and buckets.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const ports = options.ports ?? {
    dynamo: await freePort(),
    s3: await freePort(),
    ses: await freePort(),
    sqs: await freePort(),
    oidc: await freePort(),
    // Not served by the stack: the console needs a build, which only `npm start` and the browser tests make.
    web: await freePort(),
  };
  if (options.ports) {
    await assertPortFree(ports.dynamo, "DynamoDB Local (TESTEX_DYNAMODB_PORT)");
    await assertPortFree(ports.s3, "S3 (TESTEX_S3_PORT)");
    await assertPortFree(ports.ses, "SES (TESTEX_SES_PORT)");
    await assertPortFree(ports.sqs, "SQS (TESTEX_SQS_PORT)");
    await assertPortFree(ports.oidc, "the OpenID Provider (TESTEX_OIDC_PORT)");
    await assertPortFree(ports.web, "the console (TESTEX_WEB_PORT)");
  }
  const progress = options.progress;
  const ready = (start: () => Promise<Running>) => timed(progress, start, (s) => `${s.name} ready on ${s.endpoint}`);
  const started = await Promise.allSettled([
    ready(() => startDynamo({ port: ports.dynamo, shortLived: options.shortLived, ...(options.persistent ? { dataDir: join(options.dataDir, "dynamodb") } : {}) })),
    ready(() => startS3({ port: ports.s3, dataDir: join(options.dataDir, "s3"), onEvent: (event) => s3Events.emit("event", event) })),
    ready(() => startSes({ port: ports.ses, ...(options.persistent ? { inboxFile: join(options.dataDir, "mail.jsonl") } : {}) })),
    ready(() => startSqs({ port: ports.sqs })),
    ready(() => startOidc(ports.oidc, oidcKeysFile(options.dataDir))),
  ]);
  const services = started.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= Promise.all(services.map((service) => timed(progress, () => service.stop(), () => `${service.name} stopped`))).then(() => {}));
  const failed = started.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failed) {
    // Leave nothing running (and no port taken) behind a stand-in that could not start.
    await stop();
    throw failed.reason;
  }
  try {
    const [dynamo, s3, ses, sqs, oidc] = services as [Running, Running, Running, Running, Running];
    const resources = localResources(options.stage, oidc.endpoint, options.settings, ports.web);
    const env: Record<string, string> = {
      ...localEnvironment({ dynamo: dynamo.endpoint, s3: s3.endpoint, ses: ses.endpoint, sqs: sqs.endpoint }, resources),
      TESTEX_OIDC_KEYS: oidcKeysFile(options.dataDir),
    };
    const credentials = { accessKeyId: env.AWS_ACCESS_KEY_ID!, secretAccessKey: env.AWS_SECRET_ACCESS_KEY! };
    await timed(
      progress,
      async () => {
        await ensureTable(namingFailures(new DynamoDBClient({ endpoint: dynamo.endpoint, region: env.AWS_REGION, credentials }), dynamo), resources.table);
        const buckets = namingFailures(new S3Client({ endpoint: s3.endpoint, region: env.AWS_REGION, credentials, forcePathStyle: true }), s3);
        await ensureBuckets(buckets, Object.values(resources.buckets));
        await allowBrowsers(buckets, resources.buckets.files, resources.settings.corsOrigins);
        const queues = namingFailures(new SQSClient({ endpoint: sqs.endpoint, region: env.AWS_REGION, credentials }), sqs);
        await ensureQueues(queues, resources.queues, resources.settings.webhooks);
      },
      () => `table ${resources.table}, ${Object.keys(resources.buckets).length} buckets and ${Object.keys(resources.queues).length} queues ready`,
    );
    return { env, resources, services, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
