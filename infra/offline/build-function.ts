import { build } from "esbuild";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { type BundleReads, bundleReads } from "./bundle-reads";

/** Bundles a handler the way `sst deploy` would, so a wrong path or a missing export fails here. */
export async function buildFunction(
  root: string,
  artifacts: string,
  input: { functionID: string; handler: string },
): Promise<{ out: string; handler: string; errors: string[]; reads?: BundleReads }> {
  const parsed = path.posix.parse(input.handler as string);
  const exportName = parsed.ext.slice(1);
  const base = path.join(root, parsed.dir, parsed.name);
  const source = [".ts", ".tsx", ".mts", ".js", ".mjs"].map((ext) => base + ext).find((file) => existsSync(file));
  if (!source)
    return { out: "", handler: "", errors: [`handler file not found: ${parsed.dir}/${parsed.name}.{ts,js}`] };
  const out = path.join(artifacts, input.functionID);
  mkdirSync(out, { recursive: true });
  const result = await build({
    entryPoints: [source],
    outfile: path.join(out, `${parsed.name}.mjs`),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node22",
    metafile: true,
    logLevel: "silent",
    // The Lambda runtime provides the AWS SDK; leaving it out keeps this run fast.
    external: ["@aws-sdk/*", "@smithy/*"],
  }).catch((error: { errors?: { text: string }[] }) => ({
    errors: error.errors ?? [{ text: String(error) }],
    metafile: undefined,
  }));
  if (result.errors.length > 0) return { out, handler: "", errors: result.errors.map((e) => e.text) };
  const exports = Object.values(result.metafile!.outputs).flatMap((output) => output.exports);
  if (!exports.includes(exportName)) {
    return { out, handler: "", errors: [`${parsed.dir}/${parsed.name} does not export "${exportName}"`] };
  }
  const reads = bundleReads(readFileSync(path.join(out, `${parsed.name}.mjs`), "utf8"));
  return { out, handler: `${parsed.name}.${exportName}`, errors: [], reads };
}
