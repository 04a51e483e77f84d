/**
 * The API Lambda's bundle, built the way SST builds it (esbuild, minified ESM
 * for Node): its size, and its cold start (import + first request in a fresh
 * Node process) next to a hello-world Hono handler's.
 * `npm run bench:api-bundle`. Budgets: 1 MB, 2.6x the hello world's cold start.
 */
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { localEnvironment, localResources } from "@testex/local/environment";

const BUDGET_BYTES = 1024 * 1024;
const BUDGET_COLD_START_RATIO = 2.6;
const COLD_STARTS = 7;
const entry = fileURLToPath(new URL("../src/api/lambda.ts", import.meta.url));
const HELLO_WORLD = `import { Hono } from "hono";\nimport { handle } from "hono/aws-lambda";\nexport const handler = handle(new Hono().get("/health", (c) => c.json({ status: "ok" })));\n`;

async function bundle(source: { entry: string } | { code: string }, outfile: string, external: string[] = []) {
  const result = await build({
    ...("entry" in source ? { entryPoints: [source.entry] } : { stdin: { contents: source.code, loader: "ts", resolveDir: dirname(entry) } }),
    bundle: true,
    minify: true,
    format: "esm",
    platform: "node",
    target: "node22",
    mainFields: ["module", "main"],
    // What SST adds so bundled CommonJS can `require` Node built-ins from ESM.
    banner: { js: `import { createRequire as topLevelCreateRequire } from "module"; const require = topLevelCreateRequire(import.meta.url);` },
    external,
    outfile,
    metafile: true,
    logLevel: "error",
  });
  const output = Object.values(result.metafile.outputs)[0]!;
  const byPackage = new Map<string, number>();
  for (const [file, { bytesInOutput }] of Object.entries(output.inputs)) {
    const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? "(project)";
    byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
  }
  return { bytes: output.bytes, top: [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 8) };
}

/** Median ms from process start of the bundle's import to its first answer to GET /health. */
function coldStartMs(file: string): number {
  const probe = `
    const started = performance.now();
    const { handler } = await import(${JSON.stringify(file)});
    const event = { version: "2.0", rawPath: "/health", rawQueryString: "", headers: {}, isBase64Encoded: false,
      requestContext: { http: { method: "GET", path: "/health", sourceIp: "127.0.0.1" }, requestId: "bench", stage: "$default" } };
    const reply = await handler(event, {});
    if (reply.statusCode !== 200) throw new Error("status " + reply.statusCode);
    console.log(performance.now() - started);`;
  const nowhere = "http://127.0.0.1:9";
  const env = { ...process.env, ...localEnvironment({ dynamo: nowhere, s3: nowhere, ses: nowhere, sqs: nowhere }, localResources("bench", "unused")), LOG_LEVEL: "ERROR" };
  const runs = Array.from({ length: COLD_STARTS }, () => Number(execFileSync(process.execPath, ["--input-type=module", "-e", probe], { env }).toString()));
  return runs.sort((a, b) => a - b)[Math.floor(runs.length / 2)]!;
}

const dir = mkdtempSync(join(tmpdir(), "api-bundle-"));
try {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const api = await bundle({ entry }, join(dir, "api.mjs"));
  const apiWithoutSdk = await bundle({ entry }, join(dir, "api-no-sdk.mjs"), ["@aws-sdk/*", "@smithy/*"]);
  const hello = await bundle({ code: HELLO_WORLD }, join(dir, "hello.mjs"));
  const apiMs = coldStartMs(join(dir, "api.mjs"));
  const helloMs = coldStartMs(join(dir, "hello.mjs"));
  console.log(`API bundle:                     ${kb(api.bytes)} (budget ${kb(BUDGET_BYTES)})`);
  console.log(`API bundle, AWS SDK external:   ${kb(apiWithoutSdk.bytes)}`);
  console.log(`hello-world Hono handler:       ${kb(hello.bytes)}`);
  console.log(`cold start (median of ${COLD_STARTS}):      API ${apiMs.toFixed(1)} ms, hello world ${helloMs.toFixed(1)} ms, ratio ${(apiMs / helloMs).toFixed(2)} (budget ${BUDGET_COLD_START_RATIO})`);
  console.log("largest parts of the API bundle:");
  for (const [name, bytes] of api.top) console.log(`  ${name.padEnd(34)} ${kb(bytes)}`);
  if (api.bytes > BUDGET_BYTES || apiMs / helloMs > BUDGET_COLD_START_RATIO) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
