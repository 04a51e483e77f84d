import { fileURLToPath } from "node:url";

/** Where the committed API document lives (`npm run openapi` writes it; a test compares it with the routes). */
export const DOCUMENT_FILE = fileURLToPath(new URL("./openapi.json", import.meta.url));

export const serialise = (document: unknown) => `${JSON.stringify(document, null, 2)}\n`;
