/**
 * Size of the API Lambda's bundle, built the way SST builds it (esbuild,
 * minified ESM for Node), next to a hello-world Hono handler for scale.
 * `npm run bench:api-bundle`; the budget is 1 MB.
 */
import { build } from "esbuild";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";

const BUDGET_BYTES = 1024 * 1024;
const entry = fileURLToPath(new URL("../src/api/lambda.ts", import.meta.url));

const HELLO_WORLD = `import { Hono } from "hono";\nimport { handle } from "hono/aws-lambda";\nexport const handler = handle(new Hono().get("/", (c) => c.text("hello")));\n`;

async function bundleBytes(source: { entry: string } | { code: string }, external: string[] = []): Promise<{ bytes: number; top: [string, number][] }> {
  const result = await build({
    ...("entry" in source ? { entryPoints: [source.entry] } : { stdin: { contents: source.code, loader: "ts", resolveDir: dirname(entry) } }),
    bundle: true,
    minify: true,
    format: "esm",
    platform: "node",
    target: "node22",
    mainFields: ["module", "main"],
    external,
    write: false,
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

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const api = await bundleBytes({ entry });
const apiWithoutSdk = await bundleBytes({ entry }, ["@aws-sdk/*", "@smithy/*"]);
const helloWorld = await bundleBytes({ code: HELLO_WORLD });
console.log(`API bundle:                     ${kb(api.bytes)} (budget ${kb(BUDGET_BYTES)})`);
console.log(`API bundle, AWS SDK external:   ${kb(apiWithoutSdk.bytes)}`);
console.log(`hello-world Hono handler:       ${kb(helloWorld.bytes)}`);
console.log("largest parts of the API bundle:");
for (const [name, bytes] of api.top) console.log(`  ${name.padEnd(34)} ${kb(bytes)}`);
if (api.bytes > BUDGET_BYTES) process.exitCode = 1;
