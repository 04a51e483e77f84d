/**
 * Bundles a Lambda entry point the way SST v3 does for a Node.js function
 * on deploy (its Go runtime builder, pkg/runtime/node/build.go, and the
 * Function component's `nodejs` defaults): esbuild, ESM `.mjs`, platform
 * node, target esnext, keepNames, mainFields module/main, minified, no
 * source map, and only `sharp` and `pg-native` external — the AWS SDK v3 is
 * bundled, not taken from the runtime. Code splitting is on, as infra sets it
 * for every function (infra/function.ts): what a handler imports on demand is
 * a chunk of its own that a cold start never reads. The banner gives ESM code `require`,
 * `__filename` and `__dirname`, as SST's does.
 */
import { build, type Metafile } from "esbuild";
import { basename, join } from "node:path";
import { repoRoot } from "@testex/local/paths";

export interface Bundle {
  name: string;
  /** The entry chunk: what Lambda imports. */
  file: string;
  /** Bytes a cold start loads: the entry chunk and the chunks it imports statically. */
  bytes: number;
  /** Every chunk, including those loaded only on demand (dynamic import). */
  totalBytes: number;
  /** The chunks counted in `bytes`. */
  startChunks: string[];
  metafile: Metafile;
}

const BANNER = [
  `import { createRequire as topLevelCreateRequire } from 'module';`,
  `const require = topLevelCreateRequire(import.meta.url);`,
  `import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url"`,
  `const __filename = topLevelFileUrlToPath(import.meta.url)`,
  `const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url))`,
].join("\n");

/** Every Lambda of the system: name and entry point (each exports `handler`). */
export const HANDLERS = {
  api: "packages/functions/src/api/lambda.ts",
  processor: "packages/functions/src/processor.ts",
  scheduler: "packages/functions/src/scheduler.ts",
  "file-handler": "packages/functions/src/file-handler.ts",
  notifier: "packages/functions/src/notifier.ts",
  "db-manager": "packages/functions/src/db-manager.ts",
} as const;

export type HandlerName = keyof typeof HANDLERS;

/** The reference: a hello-world Hono app behind `hono/aws-lambda`, bundled the same way. */
export const BASELINE = { name: "hello-hono", entry: "bench/fixtures/hello-handler.ts" };

/**
 * The floors: the least a TESTEX-shaped function of each kind must load — its
 * trigger's handler reading one ElectroDB entity through the DynamoDB client
 * (bench/fixtures/floor/), bundled the same way.
 */
export const FLOORS = {
  api: "bench/fixtures/floor/api.ts",
  stream: "bench/fixtures/floor/stream.ts",
  queue: "bench/fixtures/floor/queue.ts",
  s3: "bench/fixtures/floor/s3.ts",
  schedule: "bench/fixtures/floor/schedule.ts",
} as const;

export type FloorKind = keyof typeof FLOORS;

/** Each Lambda's trigger, and so the floor it is measured against. */
export const FLOOR_OF: Record<HandlerName, FloorKind> = {
  api: "api",
  processor: "stream",
  scheduler: "schedule",
  "file-handler": "s3",
  notifier: "queue",
  "db-manager": "schedule",
};

export async function bundle(name: string, entry: string, outDir: string): Promise<Bundle> {
  const dir = join(outDir, name);
  const result = await build({
    entryPoints: [join(repoRoot, entry)],
    outdir: dir,
    outExtension: { ".js": ".mjs" },
    splitting: true,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "esnext",
    keepNames: true,
    mainFields: ["module", "main"],
    minify: true,
    // Maps beside the chunks for the profiler only: "external" leaves the chunks' code and sizes as deployed.
    sourcemap: "external",
    external: ["sharp", "pg-native"],
    banner: { js: BANNER },
    metafile: true,
    logLevel: "error",
    absWorkingDir: repoRoot,
  });
  const outputs = Object.fromEntries(Object.entries(result.metafile.outputs).filter(([path]) => !path.endsWith(".map")));
  // Dynamic imports are entry points of their own chunks; the handler's is the one built from `entry`.
  const entryChunk = Object.keys(outputs).find((path) => outputs[path]!.entryPoint === entry)!;
  const startChunks = new Set<string>();
  const visit = (path: string) => {
    if (startChunks.has(path)) return;
    startChunks.add(path);
    for (const imported of outputs[path]!.imports) if (imported.kind === "import-statement" && outputs[imported.path]) visit(imported.path);
  };
  visit(entryChunk);
  const sizeOf = (paths: Iterable<string>) => [...paths].reduce((sum, path) => sum + outputs[path]!.bytes, 0);
  return {
    name,
    file: join(repoRoot, entryChunk),
    bytes: sizeOf(startChunks),
    totalBytes: sizeOf(Object.keys(outputs)),
    startChunks: [...startChunks],
    metafile: result.metafile,
  };
}

/** The inputs that take the most bytes of the output: where a bundle's weight comes from, by package. */
export function heaviestPackages(bundle: Bundle, top = 6): { module: string; kb: number }[] {
  const byPackage = new Map<string, number>();
  const inputs = bundle.startChunks.flatMap((chunk) => Object.entries(bundle.metafile.outputs[chunk]!.inputs));
  for (const [path, { bytesInOutput }] of inputs) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
    const key = match ? match[1]! : path.startsWith("packages/") ? path.split("/").slice(0, 2).join("/") : basename(path);
    byPackage.set(key, (byPackage.get(key) ?? 0) + bytesInOutput);
  }
  return [...byPackage.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([module, bytes]) => ({ module, kb: Math.round(bytes / 1024) }));
}
