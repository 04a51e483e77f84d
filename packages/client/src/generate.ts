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

export const RULES_FILE = fileURLToPath(new URL("./rules.ts", import.meta.url));

/** The parts of a property's schema a form can check before sending, and a list can offer as choices. */
const RULE_KEYS = ["enum", "minimum", "maximum", "minLength", "maxLength", "pattern", "multipleOf"] as const;

const keep = (definition: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(RULE_KEYS.filter((key) => definition[key] !== undefined).map((key) => [key, definition[key]]));

interface SchemaObject {
  properties?: Record<string, Record<string, unknown>>;
}

/**
 * `rules.ts`: for each named schema of the document, its properties' enums and
 * bounds as runtime values, so a console's choices and form limits are the
 * document's own (a new status shows up in every filter by itself).
 */
export function clientRules(document: { components?: { schemas?: Record<string, SchemaObject> } } = JSON.parse(readFileSync(DOCUMENT_FILE, "utf8"))): string {
  const rules: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
    for (const [property, definition] of Object.entries(schema.properties ?? {})) {
      const kept = keep(definition);
      // A list's items have rules of their own (the choices of a multiple choice).
      const items = definition.items && typeof definition.items === "object" ? keep(definition.items as Record<string, unknown>) : {};
      if (Object.keys(items).length) kept.items = items;
      if (Object.keys(kept).length) (rules[name] ??= {})[property] = kept;
    }
  }
  return `${BANNER}\nexport const rules = ${JSON.stringify(rules, null, 2)} as const;\n`;
}
