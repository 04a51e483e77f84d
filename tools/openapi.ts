/**
 * `npm run openapi`: writes the API document that `GET /openapi.json` serves,
 * and the typed client's types and rules (enums, bounds) generated from it (`@testex/client`). Both are
 * committed, so the Lambda bundles a finished JSON file; tests fail while
 * either differs from what the routes generate.
 */
import { writeFileSync } from "node:fs";
import { clientRules, clientTypes, RULES_FILE, TYPES_FILE } from "@testex/client/generate";
import { DOCUMENT_FILE, serialise } from "@testex/functions/api/openapi/file";
import { localEnvironment, localResources } from "@testex/local/environment";

// The app reads its SST links when imported; nothing is called, so unreachable endpoints do.
const nowhere = "http://127.0.0.1:9";
Object.assign(process.env, localEnvironment({ dynamo: nowhere, s3: nowhere, ses: nowhere, sqs: nowhere }, localResources("openapi", "http://127.0.0.1:9")));
const { app } = await import("@testex/functions/api/app");
const { openApiDocument } = await import("@testex/functions/api/openapi/document");
const document = openApiDocument(app);
writeFileSync(DOCUMENT_FILE, serialise(document));
console.log(`wrote ${DOCUMENT_FILE}`);
// From the serialised form, as the test that checks the client reads the committed file.
writeFileSync(TYPES_FILE, await clientTypes(JSON.parse(serialise(document))));
console.log(`wrote ${TYPES_FILE}`);
writeFileSync(RULES_FILE, clientRules(JSON.parse(serialise(document))));
console.log(`wrote ${RULES_FILE}`);
