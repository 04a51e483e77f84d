/**
 * `npm run openapi`: writes the API document that `GET /openapi.json` serves.
 * The file is committed, so the Lambda bundles a finished JSON file; a test
 * fails while it differs from what the routes generate.
 */
import { writeFileSync } from "node:fs";
import { DOCUMENT_FILE, serialise } from "@testex/functions/api/openapi/file";
import { localEnvironment, localResources } from "@testex/local/environment";

// The app reads its SST links when imported; nothing is called, so unreachable endpoints do.
const nowhere = "http://127.0.0.1:9";
Object.assign(process.env, localEnvironment({ dynamo: nowhere, s3: nowhere, ses: nowhere, sqs: nowhere }, localResources("openapi", "http://127.0.0.1:9")));
const { app } = await import("@testex/functions/api/app");
const { openApiDocument } = await import("@testex/functions/api/openapi/document");
writeFileSync(DOCUMENT_FILE, serialise(openApiDocument(app)));
console.log(`wrote ${DOCUMENT_FILE}`);
