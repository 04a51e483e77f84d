import { build } from "esbuild";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { onDisk } from "../../packages/local/src/disk-cache";
import { type BundleReads, bundleReads } from "./bundle-reads";

type Built = Awaited<ReturnType<typeof buildFunction>>;

/**
 * `buildFunction`, once per handler for every synthesis that shares `builds`: a directory
 * named by a hash of everything a bundle is made from (the packages and the dependencies).
 * A bundle depends only on its handler, so the stages and modes of a run share it.
 */
export async function sharedBuild(root: string, builds: string, handler: string): Promise<Built> {
  const dir = await onDisk(builds, handler.replace(/[^\w.-]/g, "_"), async (into) => {
    const built = await buildFunction(root, into, { functionID: "bundle", handler });
    writeFileSync(path.join(into, "build.json"), JSON.stringify({ ...built, out: "" }));
  });
  const built = JSON.parse(readFileSync(path.join(dir, "build.json"), "utf8")) as Built;
  return { ...built, out: path.join(dir, "bundle") };
}

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
