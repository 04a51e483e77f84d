/**
 * The OpenAPI 3.1 document, generated from the operation specs on
 * `app.routes` with the same valibot schemas that validate requests. Runs at
 * build time only (`npm run openapi`): @valibot/to-json-schema never enters
 * the Lambda bundle.
 */
import { toJsonSchema, type ConversionConfig, type JsonSchema } from "@valibot/to-json-schema";
import type { Hono } from "hono";
import { can, ROLES, type Capability } from "@testex/core";
import type { GenericSchema } from "valibot";
import { errorsOf, operationsOf, type Operation } from "../operations";
import { ProblemBody } from "../problem";

const PROBLEM_REF = { $ref: "#/components/schemas/Problem" };

const schemaOf = (schema: GenericSchema, typeMode: ConversionConfig["typeMode"]): JsonSchema => {
  // Custom checks (calendar dates, decimals) have no JSON Schema form; the API still enforces them.
  const { $schema: _dialect, ...json } = toJsonSchema(schema, { target: "draft-2020-12", typeMode, errorMode: "ignore" });
  return json;
};

const rolesWith = (capability: Capability) => ROLES.filter((role) => can({ id: "", roles: [role] }, capability));

function parameters(op: Operation) {
  const list: Record<string, unknown>[] = [];
  const add = (where: "path" | "query", schema: GenericSchema | undefined) => {
    const json = schema && (schemaOf(schema, "input") as { properties?: Record<string, JsonSchema>; required?: string[] });
    for (const [name, property] of Object.entries(json?.properties ?? {})) {
      list.push({ name, in: where, required: where === "path" || (json?.required ?? []).includes(name), schema: property });
    }
  };
  add("path", op.spec.params);
  add("query", op.spec.query);
  // `version.required` means the route changes a versioned record: it takes the ETag it last saw.
  if (op.spec.errors?.includes("version.required")) {
    list.push({
      name: "If-Match",
      in: "header",
      required: !op.spec.body,
      description: op.spec.body ? 'The record\'s ETag, e.g. "3" (or send `version` in the body).' : 'The record\'s ETag, e.g. "3".',
      schema: { type: "string" },
    });
  }
  return list;
}

const problemResponse = (codes: string[]) => ({
  description: `Problem: ${codes.map((code) => `\`${code}\``).join(", ")}`,
  content: { "application/problem+json": { schema: PROBLEM_REF } },
});

const sameCodes = (a: string[], b: string[]) => a.length === b.length && a.every((code) => b.includes(code));

/** Error replies every route shares live once under components; a route's own codes are spelled out on it. */
function responses(op: Operation, shared: Map<number, string[]>) {
  const out: Record<string, unknown> = {};
  for (const [status, schema] of Object.entries(op.spec.responses)) {
    out[status] = schema
      ? { description: "Success", content: { [op.spec.mediaType ?? "application/json"]: { schema: schemaOf(schema, "output") } } }
      : { description: "Success, no content" };
  }
  for (const [status, codes] of errorsOf(op.spec)) {
    const common = shared.get(status);
    out[String(status)] = common && sameCodes(common, codes) ? { $ref: `#/components/responses/${status}` } : problemResponse(codes);
  }
  return out;
}

function access(op: Operation): string {
  if (op.spec.access === "public") return "Public: no token needed.";
  return `Needs the \`${op.spec.access}\` permission (roles: ${rolesWith(op.spec.access).join(", ")}).`;
}

const operationId = (op: Operation) =>
  op.method.toLowerCase() +
  op.path
    .split("/")
    .filter((segment) => segment && segment !== "api")
    .map((segment) => (segment.startsWith(":") ? `by-${segment.slice(1)}` : segment))
    .map((word) => word.replace(/(^|[^A-Za-z0-9])([A-Za-z0-9])/g, (_, _sep, c: string) => c.toUpperCase()))
    .join("");

export function openApiDocument(app: Hono<any, any, any>) {
  const paths: Record<string, Record<string, unknown>> = {};
  // What a route that lists no codes of its own answers with.
  const shared = errorsOf({ summary: "", tag: "", access: "read", responses: {} });
  for (const op of operationsOf(app)) {
    const body = op.spec.body;
    (paths[op.template] ??= {})[op.method.toLowerCase()] = {
      operationId: operationId(op),
      tags: [op.spec.tag],
      summary: op.spec.summary,
      description: [op.spec.description, access(op)].filter(Boolean).join("\n\n"),
      security: op.spec.access === "public" ? [] : [{ bearerAuth: [] }],
      parameters: parameters(op),
      ...(body ? { requestBody: { required: true, content: { "application/json": { schema: schemaOf(body, "input") } } } } : {}),
      responses: responses(op, shared),
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "TESTEX API",
      version: "1",
      description:
        "Contracts, their clients and their termination. Every `/api` call needs `Authorization: Bearer <token>`; " +
        "errors are `application/problem+json` with a stable `code` and the `request_id` to quote.",
    },
    security: [{ bearerAuth: [] }],
    tags: [...new Set(operationsOf(app).map((op) => op.spec.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", bearerFormat: "JWT", description: "A token from the stage's identity provider (locally: `npm run token -- --role viewer`)." },
      },
      schemas: { Problem: schemaOf(ProblemBody, "output") },
      responses: Object.fromEntries([...shared].map(([status, codes]) => [String(status), problemResponse(codes)])),
    },
  };
}

export type OpenApiDocument = ReturnType<typeof openApiDocument>;
