/**
 * Runs the real infra program (sst.config.ts + infra/) offline, under Pulumi
 * mocks, and returns every resource it would create for a stage. It rebuilds
 * the program the way the SST CLI does before a deploy (pinned to the sst
 * version in package.json): bundle sst.config.ts with SST's globals injected,
 * inside .sst/platform so program and mocks share one @pulumi/pulumi.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
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

async function bundleProgram(stage: string, app: Record<string, unknown>): Promise<string> {
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
  const outfile = path.join(platform, `testex-mock.${stage}.mjs`);
  const globals = `import * as aws from "@pulumi/aws";\nimport * as sst from ${JSON.stringify(path.join(platform, "src/components"))};\n`;
  const cli = {
    command: "deploy",
    dev: false,
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
    define: { $app: JSON.stringify(app), $cli: JSON.stringify(cli), $dev: "false" },
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
            const contents = readFileSync(args.path, "utf8");
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

/** The stage's synthesis, made once per change of its inputs and shared on disk by every process of a test run. */
async function cachedOnDisk(stage: string, make: () => Promise<Synthesis>): Promise<Synthesis> {
  const dir = cacheDir("synthesis");
  const name = `${stage}-${inputsHash(INPUTS, stage)}.json`;
  pruneOlder(dir, `${stage}-`, name);
  const file = await onDisk(dir, name, async (into) => writeFileSync(into, JSON.stringify(await make())));
  return JSON.parse(readFileSync(file, "utf8")) as Synthesis;
}

/** Every resource the program creates for `stage`, its outputs, and each function's build. */
export function synthesize(stage: string): Promise<Synthesis> {
  let pending = cache.get(stage);
  if (!pending) {
    pending = cachedOnDisk(stage, async () => {
      ensurePlatform();
      // The console's build is a command that runs at deploy (the mocks skip it); StaticSite checks its output folder exists.
      mkdirSync(path.join(root, "packages/web/dist"), { recursive: true });
      const program = await bundleProgram(stage, await appConfig(stage));
      const dir = mkdtempSync(path.join(tmpdir(), "testex-synth-"));
      const out = path.join(dir, "synthesis.json");
      try {
        execFileSync(process.execPath, [program, out, root, stage], {
          cwd: root,
          stdio: ["ignore", "ignore", "pipe"],
          env: {
            // Not the test stack's links or endpoints: the program must not depend on them.
            ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(SST_RESOURCE_|AWS_)/.test(key))),
            PULUMI_CONFIG_PASSPHRASE: "",
          },
          // Only a hang should reach this: the run takes seconds, but minutes on a loaded 2-core machine.
          timeout: 240_000,
        });
        return JSON.parse(readFileSync(out, "utf8")) as Synthesis;
      } finally {
        rmSync(dir, { recursive: true, force: true });
        rmSync(program, { force: true });
      }
    });
    cache.set(stage, pending);
  }
  return pending;
}
