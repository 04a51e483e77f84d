import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { httpAnswers, startProcess, type Running } from "./process";
import { s3Events } from "./s3-events";

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

export function assertJava(): void {
  try {
    execFileSync("java", ["-version"], { stdio: "ignore" });
  } catch {
    throw new Error("Java is missing: DynamoDB Local needs a Java runtime (17 or newer) on the PATH, e.g. `apt-get install openjdk-17-jre-headless`.");
  }
}

/** Amazon DynamoDB Local. `dataDir` keeps data across restarts; without it, everything is in memory. */
export function startDynamo(port: number, dataDir?: string): Promise<Running> {
  assertJava();
  const home = join(packageDir("local-dynamo"), "aws_dynamodb_local");
  const storage = dataDir ? (mkdirSync(dataDir, { recursive: true }), ["-dbPath", dataDir]) : ["-inMemory"];
  const endpoint = `http://127.0.0.1:${port}`;
  return startProcess({
    name: "DynamoDB Local",
    command: "java",
    args: ["-Xmx256m", `-Djava.library.path=${join(home, "DynamoDBLocal_lib")}`, "-jar", join(home, "DynamoDBLocal.jar"), "-sharedDb", "-port", String(port), ...storage],
    endpoint,
    // Any HTTP answer (it is a 400 for a bare GET) means it is listening.
    ready: () => httpAnswers(endpoint),
  });
}

const isS3Event = (message: unknown): message is { type: "s3-event"; event: unknown } =>
  typeof message === "object" && message !== null && (message as { type?: unknown }).type === "s3-event";

/** s3rver: S3's REST protocol on disk. Its event notifications are re-emitted on `s3Events`. */
export function startS3(port: number, dataDir: string): Promise<Running> {
  mkdirSync(dataDir, { recursive: true });
  const endpoint = `http://127.0.0.1:${port}`;
  return startProcess({
    name: "S3 (s3rver)",
    command: process.execPath,
    args: [fileURLToPath(new URL("./s3-stand-in.mjs", import.meta.url)), dataDir, String(port)],
    // It encrypts continuation tokens with DES, which OpenSSL 3 only offers through the legacy provider.
    env: { NODE_OPTIONS: "--openssl-legacy-provider" },
    endpoint,
    ready: () => httpAnswers(endpoint),
    onMessage: (message) => {
      if (isS3Event(message)) s3Events.emit("event", message.event);
    },
  });
}

/** What SES GetAccount answers locally; the stand-in refuses the call unless every field is there. */
const LOCAL_SES_ACCOUNT = {
  DedicatedIpAutoWarmupEnabled: false,
  Details: {
    AdditionalContactEmailAddresses: [],
    ContactLanguage: "EN",
    MailType: "TRANSACTIONAL",
    ReviewDetails: { CaseId: "local", Status: "GRANTED" },
    UseCaseDescription: "Local development",
    WebsiteURL: "http://localhost",
  },
  EnforcementStatus: "HEALTHY",
  ProductionAccessEnabled: true,
  SendingEnabled: true,
  SendQuota: { Max24HourSend: 50_000, MaxSendRate: 14, SentLast24Hours: 0 },
  SuppressionAttributes: { SuppressedReasons: ["BOUNCE", "COMPLAINT"] },
};

/** aws-ses-v2-local: SES v1/v2 SendEmail, with an inbox at `/` and `GET /store`, kept in `inboxFile` when given. */
export function startSes(port: number, inboxFile?: string): Promise<Running> {
  const endpoint = `http://127.0.0.1:${port}`;
  return startProcess({
    name: "SES (aws-ses-v2-local)",
    command: process.execPath,
    args: [fileURLToPath(new URL("./ses-stand-in.mjs", import.meta.url)), String(port), ...(inboxFile ? [inboxFile] : [])],
    env: { AWS_SES_ACCOUNT: JSON.stringify(LOCAL_SES_ACCOUNT) },
    endpoint,
    ready: () => httpAnswers(`${endpoint}/health-check`),
  });
}
