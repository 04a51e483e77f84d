/**
 * Installs SST's platform (component sources and their types) into .sst/platform
 * without AWS credentials and without the Pulumi CLI, so that `sst.config.ts`
 * and infra/ type-check and run under Pulumi mocks in CI. Idempotent: returns
 * at once when the pinned versions are already installed.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const platform = path.join(root, ".sst", "platform");

const sstPackage = path.join(root, "node_modules", "sst");
const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8"));

/** The aws provider version pinned in sst.config.ts. */
function pinnedAwsProvider(): string {
  const match = /aws:\s*\{\s*version:\s*"([^"]+)"/.exec(readFileSync(path.join(root, "sst.config.ts"), "utf8"));
  if (!match?.[1]) throw new Error('sst.config.ts must pin the aws provider: providers: { aws: { version: "x.y.z" } }');
  return match[1];
}

function installed(sstVersion: string, awsVersion: string): boolean {
  const awsPackage = path.join(platform, "node_modules", "@pulumi", "aws", "package.json");
  return (
    existsSync(path.join(platform, "config.d.ts")) &&
    existsSync(awsPackage) &&
    existsSync(path.join(platform, "version")) &&
    readFileSync(path.join(platform, "version"), "utf8").trim() === sstVersion &&
    readJson(awsPackage).version === awsVersion
  );
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Test files run in parallel; only one of them may install, the others wait for it. */
function exclusively(work: () => void): void {
  const lock = path.join(root, ".sst", "platform-install.lock");
  mkdirSync(path.dirname(lock), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      const abandoned = existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 10 * 60_000;
      if (abandoned) rmSync(lock, { recursive: true, force: true });
      else sleep(500);
    }
  }
  try {
    work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export function ensurePlatform(): void {
  const sstVersion: string = readJson(path.join(sstPackage, "package.json")).version;
  const awsVersion = pinnedAwsProvider();
  if (installed(sstVersion, awsVersion)) return;
  exclusively(() => {
    if (!installed(sstVersion, awsVersion)) install(sstVersion, awsVersion);
  });
}

function install(sstVersion: string, awsVersion: string): void {
  console.log(
    `Installing SST ${sstVersion} platform with @pulumi/aws ${awsVersion} into .sst/platform (offline, no AWS)…`,
  );
  execFileSync(process.execPath, [path.join(sstPackage, "bin", "sst.mjs"), "install", "--stage", "offline"], {
    cwd: root,
    stdio: "inherit",
    env: {
      ...process.env,
      SST_PULUMI_PATH: path.join(root, "infra", "offline", "pulumi"),
      SST_NO_BUN: "1",
      SST_TELEMETRY_DISABLED: "1",
      SST_SKIP_DEPENDENCY_CHECK: "1",
    },
  });
  if (!installed(sstVersion, awsVersion)) {
    throw new Error(
      `sst install finished but .sst/platform does not hold SST ${sstVersion} with @pulumi/aws ${awsVersion}`,
    );
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) ensurePlatform();
