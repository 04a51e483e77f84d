import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { S3Client } from "@aws-sdk/client-s3";
import { join } from "node:path";
import { localEnvironment, localResources, type LocalResources } from "./environment";
import { oidcKeysFile } from "./oidc-keys";
import { assertPortFree, freePort, type Running } from "./process";
import { startOidc } from "./oidc-provider";
import { ensureBuckets, ensureTable } from "./provision";
import { startSqs } from "./sqs-server";
import { startDynamo, startS3, startSes } from "./stand-ins";

export interface StackOptions {
  stage: string;
  /** Keep data here across restarts; without it DynamoDB is in memory and S3 uses a temp dir. */
  dataDir: string;
  persistent: boolean;
  /** Fixed ports (npm start) or free ones picked at random (tests). */
  ports?: { dynamo: number; s3: number; ses: number; sqs: number; oidc: number };
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
  const ports = options.ports ?? { dynamo: await freePort(), s3: await freePort(), ses: await freePort(), sqs: await freePort(), oidc: await freePort() };
  if (options.ports) {
    await assertPortFree(ports.dynamo, "DynamoDB Local (TESTEX_DYNAMODB_PORT)");
    await assertPortFree(ports.s3, "S3 (TESTEX_S3_PORT)");
    await assertPortFree(ports.ses, "SES (TESTEX_SES_PORT)");
    await assertPortFree(ports.sqs, "SQS (TESTEX_SQS_PORT)");
    await assertPortFree(ports.oidc, "the OpenID Provider (TESTEX_OIDC_PORT)");
  }
  const started = await Promise.allSettled([
    startDynamo(ports.dynamo, options.persistent ? join(options.dataDir, "dynamodb") : undefined),
    startS3(ports.s3, join(options.dataDir, "s3")),
    startSes(ports.ses),
    startSqs(ports.sqs),
    startOidc(ports.oidc, oidcKeysFile(options.dataDir)),
  ]);
  const services = started.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  const stop = async () => void (await Promise.all(services.map((s) => s.stop())));
  const failed = started.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failed) {
    // Leave nothing running (and no port taken) behind a stand-in that could not start.
    await stop();
    throw failed.reason;
  }
  try {
    const [dynamo, s3, ses, sqs, oidc] = services as [Running, Running, Running, Running, Running];
    const resources = localResources(options.stage, oidc.endpoint);
    const env: Record<string, string> = {
      ...localEnvironment({ dynamo: dynamo.endpoint, s3: s3.endpoint, ses: ses.endpoint, sqs: sqs.endpoint }, resources),
      TESTEX_OIDC_KEYS: oidcKeysFile(options.dataDir),
    };
    const credentials = { accessKeyId: env.AWS_ACCESS_KEY_ID!, secretAccessKey: env.AWS_SECRET_ACCESS_KEY! };
    await ensureTable(new DynamoDBClient({ endpoint: dynamo.endpoint, region: env.AWS_REGION, credentials }), resources.table);
    await ensureBuckets(
      new S3Client({ endpoint: s3.endpoint, region: env.AWS_REGION, credentials, forcePathStyle: true }),
      Object.values(resources.buckets),
    );
    return { env, resources, services, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
