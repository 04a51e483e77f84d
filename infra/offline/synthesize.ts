/**
 * Runs the real infra program (sst.config.ts + infra/) offline, under Pulumi
 * mocks, and returns every resource it would create for a stage. It rebuilds
 * the program the way the SST CLI does before a deploy (pinned to the sst
 * version in package.json): bundle sst.config.ts with SST's globals injected,
 * inside .sst/platform so program and mocks share one @pulumi/pulumi.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { ensurePlatform, platform, root } from "./install";
import type { Synthesis } from "./mock-runner";
import { cacheDir, inputsHash, onDisk, pruneOlder } from "../../packages/local/src/disk-cache";

export type { FunctionBuild, MockResource, Synthesis } from "./mock-runner";

/**
 * The sst version this harness reproduces. Upgrading sst: compare the CLI's program build
 * (pkg/project/run.go, pkg/js/js.go), src/auto/run.ts, src/shim/run.js and the RPC methods
 * the components call, adjust infra/offline, then raise this.
 */
const HARNESS_SST_VERSION = "4.17.1";

/** The SST internals this depends on; if an upgrade moves them, say so instead of failing obscurely. */
const SST_INTERNALS = ["src/auto/run.ts", "src/shim/run.js", "src/components/index.ts", "src/components/rpc/rpc.ts"];

/** What `app({ stage })` returns, evaluated the way the CLI does (a separate, global-free bundle). */
async function appConfig(stage: string): Promise<Record<string, unknown>> {
  const { build } = createRequire(path.join(platform, "package.json"))("esbuild") as typeof import("esbuild");
  const result = await build({
    stdin: {
      contents: `import config from ${JSON.stringify(path.join(root, "sst.config.ts"))}; export default config;`,
      resolveDir: root,
      loader: "ts",
    },
    bundle: true,
    write: false,
    format: "esm",
    platform: "node",
    // $config only has to hand its argument back for app() to be read.
    banner: { js: "globalThis.$config = (input) => input;" },
    logLevel: "silent",
  });
  const source = result.outputFiles[0]!.text;
  const config = (await import(`data:text/javascript;base64,${Buffer.from(source).toString("base64")}`)).default;
  const app = await config.app({ stage });
  return { ...app, stage, removal: app.removal ?? "retain", protect: Boolean(app.protect) };
}

/** How the CLI runs the program: `sst deploy`, or `sst dev` (functions run locally, sites run their dev command). */
export interface SynthesisOptions {
  dev?: boolean;
  /** Project files (path relative to the root) to run with other contents: a deliberately broken copy of the infra. */
  replace?: Record<string, string>;
}

const modeOf = (options: SynthesisOptions) => (options.dev ? "dev" : "deploy");

/** One name per distinct run, so runs of the same stage in parallel never share a bundle. */
const runName = (stage: string, options: SynthesisOptions) =>
  [stage, modeOf(options), ...(options.replace ? [createHash("sha256").update(JSON.stringify(options.replace)).digest("hex").slice(0, 8)] : [])].join(".");

async function bundleProgram(stage: string, app: Record<string, unknown>, options: SynthesisOptions): Promise<string> {
  const installed = readFileSync(path.join(platform, "version"), "utf8").trim();
  if (installed !== HARNESS_SST_VERSION) {
    throw new Error(
      `The offline harness reproduces sst ${HARNESS_SST_VERSION}, but sst ${installed} is installed: check infra/offline against it first.`,
    );
  }
  for (const internal of SST_INTERNALS) {
    if (!existsSync(path.join(platform, internal))) {
      throw new Error(
        `SST internals moved: .sst/platform/${internal} is missing. The offline harness (infra/offline) must be updated for this sst version.`,
      );
    }
  }
  const { build } = createRequire(path.join(platform, "package.json"))("esbuild") as typeof import("esbuild");
  const outfile = path.join(platform, `testex-mock.${runName(stage, options)}.mjs`);
  const globals = `import * as aws from "@pulumi/aws";\nimport * as sst from ${JSON.stringify(path.join(platform, "src/components"))};\n`;
  const cli = {
    command: modeOf(options),
    dev: Boolean(options.dev),
    paths: { home: path.join(root, ".sst", "mock-home"), root, work: path.join(root, ".sst"), platform },
    state: { version: {} },
  };
  await build({
    stdin: {
      contents: [
        `import { run } from ${JSON.stringify(path.join(platform, "src/auto/run.ts"))};`,
        `import mod from ${JSON.stringify(path.join(root, "sst.config.ts"))};`,
        `import { main } from ${JSON.stringify(path.join(root, "infra/offline/mock-runner.ts"))};`,
        `await main($app, (afterSst) => run(async () => { afterSst(); return mod.run(); }));`,
      ].join("\n"),
      resolveDir: root,
      sourcefile: "eval.ts",
      loader: "ts",
    },
    outfile,
    bundle: true,
    format: "esm",
    platform: "node",
    mainFields: ["module", "main"],
    nodePaths: [path.join(platform, "node_modules")],
    external: ["@pulumi/*", "@pulumiverse/*", "@aws-sdk/*", "esbuild", "archiver", "glob", "undici", "vite"],
    define: { $app: JSON.stringify(app), $cli: JSON.stringify(cli), $dev: JSON.stringify(Boolean(options.dev)) },
    inject: [path.join(platform, "src/shim/run.js")],
    banner: {
      js: [
        `import { createRequire as topLevelCreateRequire } from "module";`,
        `const require = topLevelCreateRequire(import.meta.url);`,
        `import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url";`,
        `const __filename = topLevelFileUrlToPath(import.meta.url);`,
        `const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url));`,
      ].join("\n"),
    },
    plugins: [
      {
        // As the CLI does: project files see `aws` and `sst` without importing them.
        name: "inject-globals",
        setup(build) {
          build.onLoad({ filter: /\.(js|ts|jsx|tsx)$/ }, (args) => {
            const contents = options.replace?.[path.relative(root, args.path)] ?? readFileSync(args.path, "utf8");
            if (args.path.includes(".sst")) return { contents, loader: "default" };
            return { contents: globals + contents, loader: "default" };
          });
        },
      },
    ],
    logLevel: "silent",
  });
  return outfile;
}

const cache = new Map<string, Promise<Synthesis>>();
/** What a synthesis is made from: the program, the code its functions bundle, the dependencies, the sst version. */
const INPUTS = ["sst.config.ts", "infra", "packages", "package.json", "package-lock.json", ".sst/platform/version"];

/** What a function's bundle is made from: its handler and the code and dependencies it may import. */
const FUNCTION_INPUTS = ["packages", "package.json", "package-lock.json"];

/** The directory where this run's syntheses share their function bundles, one per handler. */
function functionBuilds(): string {
  const dir = cacheDir("functions");
  const name = inputsHash(FUNCTION_INPUTS, "functions");
  pruneOlder(dir, "", name);
  return path.join(dir, name);
}

/** The stage's synthesis, made once per change of its inputs and shared on disk by every process of a test run. */
async function cachedOnDisk(stage: string, make: () => Promise<Synthesis>): Promise<Synthesis> {
  const dir = cacheDir("synthesis");
  const name = `${stage}-${inputsHash(INPUTS, stage)}.json`;
  pruneOlder(dir, `${stage}-`, name);
  const file = await onDisk(dir, name, async (into) => writeFileSync(into, JSON.stringify(await make())));
  return JSON.parse(readFileSync(file, "utf8")) as Synthesis;
}

/**
 * Every resource the program creates for `stage`, its outputs, and each function's build,
 * as `sst deploy --stage <stage>` runs it, or `sst dev` with `{ dev: true }`. The one entry point.
 */
export function synthesize(stage: string, options: SynthesisOptions = {}): Promise<Synthesis> {
  const key = runName(stage, options);
  let pending = cache.get(key);
  if (!pending) {
    pending = cachedOnDisk(key, async () => {
      ensurePlatform();
      // The console's build is a command that runs at deploy (the mocks skip it); StaticSite checks its output folder exists.
      mkdirSync(path.join(root, "packages/web/dist"), { recursive: true });
      const program = await bundleProgram(stage, await appConfig(stage), options);
      const dir = mkdtempSync(path.join(tmpdir(), "testex-synth-"));
      const out = path.join(dir, "synthesis.json");
      try {
        const run = spawnSync(process.execPath, [program, out, root, stage, modeOf(options)], {
          cwd: root,
          stdio: ["ignore", "ignore", "pipe"],
          encoding: "utf8",
          env: {
            // Not the test stack's links or endpoints: the program must not depend on them.
            ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(SST_RESOURCE_|AWS_)/.test(key))),
            PULUMI_CONFIG_PASSPHRASE: "",
            // `sst dev` tells the program its region (the dev bridge's environment reads it).
            SST_AWS_REGION: "us-east-1",
            TESTEX_FUNCTION_BUILDS: functionBuilds(),
          },
          // Only a hang should reach this: the run takes seconds, but minutes on a loaded 2-core machine.
          timeout: 240_000,
        });
        if (!existsSync(out)) throw new Error(`The offline run of the program died before it finished:\n${run.stderr || run.error}`);
        const synthesis = JSON.parse(readFileSync(out, "utf8")) as Synthesis;
        // Pulumi fails the process when the program stopped half-way (promises left pending): that is an error too.
        if (run.status !== 0 && synthesis.errors.length === 0) synthesis.errors.push(run.stderr.trim() || `exit status ${run.status}`);
        return synthesis;
      } finally {
        rmSync(dir, { recursive: true, force: true });
        rmSync(program, { force: true });
      }
    });
    cache.set(key, pending);
  }
  return pending;
}
