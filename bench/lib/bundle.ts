/**
 * Bundles a Lambda entry point the way SST v3 does for a Node.js function
 * on deploy (its Go runtime builder, pkg/runtime/node/build.go, and the
 * Function component's `nodejs` defaults): esbuild, ESM `.mjs`, platform
 * node, target esnext, keepNames, mainFields module/main, minified, no
 * source map, and only `sharp` and `pg-native` external — the AWS SDK v3 is
 * bundled, not taken from the runtime. The banner gives ESM code `require`,
 * `__filename` and `__dirname`, as SST's does.
 */
import { build, type Metafile } from "esbuild";
import { statSync } from "node:fs";
import { basename, join } from "node:path";
import { repoRoot } from "@testex/local/paths";

export interface Bundle {
  name: string;
  file: string;
  bytes: number;
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

export async function bundle(name: string, entry: string, outDir: string): Promise<Bundle> {
  const file = join(outDir, `${name}.mjs`);
  const result = await build({
    entryPoints: [join(repoRoot, entry)],
    outfile: file,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "esnext",
    keepNames: true,
    mainFields: ["module", "main"],
    minify: true,
    sourcemap: false,
    external: ["sharp", "pg-native"],
    banner: { js: BANNER },
    metafile: true,
    logLevel: "error",
    absWorkingDir: repoRoot,
  });
  return { name, file, bytes: statSync(file).size, metafile: result.metafile };
}

/** The inputs that take the most bytes of the output: where a bundle's weight comes from, by package. */
export function heaviestPackages(bundle: Bundle, top = 6): { module: string; kb: number }[] {
  const output = Object.values(bundle.metafile.outputs)[0]!;
  const byPackage = new Map<string, number>();
  for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
    const key = match ? match[1]! : path.startsWith("packages/") ? path.split("/").slice(0, 2).join("/") : basename(path);
    byPackage.set(key, (byPackage.get(key) ?? 0) + bytesInOutput);
  }
  return [...byPackage.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([module, bytes]) => ({ module, kb: Math.round(bytes / 1024) }));
}
