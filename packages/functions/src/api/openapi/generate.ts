/**
 * `npm run openapi`: writes the API document that `GET /openapi.json` serves.
 * The file is committed, so the Lambda bundles a finished JSON file; a test
 * fails while it differs from what the routes generate.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { localEnvironment, localResources } from "@testex/local/environment";

export const DOCUMENT_FILE = fileURLToPath(new URL("./openapi.json", import.meta.url));

export const serialise = (document: unknown) => `${JSON.stringify(document, null, 2)}\n`;

async function main() {
  // The app reads its SST links when imported; nothing is called, so unreachable endpoints do.
  const nowhere = "http://127.0.0.1:9";
  Object.assign(process.env, localEnvironment({ dynamo: nowhere, s3: nowhere, ses: nowhere, sqs: nowhere }, localResources("openapi", "http://127.0.0.1:9")));
  const { app } = await import("../app");
  const { openApiDocument } = await import("./document");
  writeFileSync(DOCUMENT_FILE, serialise(openApiDocument(app)));
  console.log(`wrote ${DOCUMENT_FILE}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
