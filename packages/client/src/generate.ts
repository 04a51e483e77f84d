/**
 * `openapi.ts`: the types of every path, operation and schema of the API
 * document, by openapi-typescript. `npm run openapi` writes it right after the
 * document; a test fails while the committed file differs.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";

export const DOCUMENT_FILE = fileURLToPath(new URL("../../functions/src/api/openapi/openapi.json", import.meta.url));
export const TYPES_FILE = fileURLToPath(new URL("./openapi.ts", import.meta.url));

const BANNER = `/**
 * Generated from the API document by \`npm run openapi\`. Do not edit: change
 * the routes, then regenerate.
 */
`;

/** The TypeScript source of the document's types. */
export async function clientTypes(document: unknown = JSON.parse(readFileSync(DOCUMENT_FILE, "utf8"))): Promise<string> {
  const ast = await openapiTS(document as Parameters<typeof openapiTS>[0], { alphabetize: false, exportType: false });
  return `${BANNER}${astToString(ast)}`;
}
