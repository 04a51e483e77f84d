/**
 * The OpenAPI 3.1 document, generated from the operation specs on
 * `app.routes` with the same valibot schemas that validate requests. Runs at
 * build time only (`npm run openapi`): @valibot/to-json-schema never enters
 * the Lambda bundle.
 */
import { toJsonSchema, toJsonSchemaDefs, type ConversionConfig, type JsonSchema } from "@valibot/to-json-schema";
import type { Hono } from "hono";
import { can, Export, Idempotency, ROLES, Webhook, type Capability } from "@testex/core";
import type { GenericSchema } from "valibot";
import { MAX_SUBJECT_BYTES } from "../middleware/authenticate";
import { MAX_JSON_BODY_BYTES, requestHeadersOf, type ReplyHeader } from "../operation";
import { allErrorCodes, errorsOf, operationsOf, type Operation } from "../operations";
import { ProblemBody, TITLES } from "../problem";
import { INPUTS, RESOURCES, TAGS } from "./schemas";
import { EXAMPLES } from "./examples";

type Mode = "input" | "output";
const NAMED: Record<Mode, Record<string, GenericSchema>> = { input: INPUTS, output: { ...RESOURCES, Problem: ProblemBody } };

const refTo = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const config = (typeMode: Mode): ConversionConfig => ({
  target: "draft-2020-12",
  typeMode,
  // Checks with no JSON Schema form (calendar dates, decimals) are stated by metadata and descriptions beside them; the API enforces them.
  errorMode: "ignore",
  definitions: NAMED[typeMode],
  overrideRef: ({ referenceId }) => refTo(referenceId).$ref,
});

/** A schema as JSON Schema; a named resource or input (or a page of one) becomes a reference to its component. */
function schemaOf(schema: GenericSchema, typeMode: Mode, pages: Record<string, JsonSchema>): JsonSchema {
  const { $schema: _dialect, $defs: _defs, ...json } = toJsonSchema(schema, config(typeMode));
  return pageRef(json, pages) ?? json;
}

/** `{items: [X], next_cursor}` is the component `XPage`; `{items: [X]}` is `XList`. */
function pageRef(json: JsonSchema, pages: Record<string, JsonSchema>): JsonSchema | undefined {
  const properties = (json as { properties?: Record<string, { items?: { $ref?: string } }> }).properties;
  const item = properties?.items?.items?.$ref?.split("/").pop();
  if (!item || Object.keys(properties!).some((key) => key !== "items" && key !== "next_cursor")) return undefined;
  const name = `${item}${"next_cursor" in properties! ? "Page" : "List"}`;
  pages[name] ??= { ...json, description: "next_cursor" in properties! ? `A page of ${item} items; pass \`next_cursor\` as \`cursor\` for the next one (null on the last page).` : `Every ${item} item.` };
  return refTo(name);
}

const rolesWith = (capability: Capability) => ROLES.filter((role) => can({ id: "", roles: [role] }, capability));

const IF_MATCH = {
  name: "If-Match",
  in: "header",
  schema: { type: "string", pattern: '^(W/)?"[0-9]{1,12}"$', examples: ['"3"'] },
};


function parameters(op: Operation, pages: Record<string, JsonSchema>) {
  const list: Record<string, unknown>[] = [];
  const add = (where: "path" | "query", schema: GenericSchema | undefined) => {
    const json = schema && (schemaOf(schema, "input", pages) as { properties?: Record<string, JsonSchema>; required?: string[] });
    for (const [name, property] of Object.entries(json?.properties ?? {})) {
      const { description, ...rest } = property as { description?: string; type?: string; default?: unknown };
      // A query string's default is text until parsed; the document states the parsed value.
      if (rest.type === "integer" && typeof rest.default === "string") rest.default = Number(rest.default);
      list.push({ name, in: where, required: where === "path" || (json?.required ?? []).includes(name), ...(description ? { description } : {}), schema: rest });
    }
  };
  add("path", op.spec.params);
  add("query", op.spec.query);
  for (const [name, need] of requestHeadersOf(op.method, op.spec)) {
    if (name === "Idempotency-Key") list.push({ $ref: "#/components/parameters/IdempotencyKey" });
    else
      list.push({
        ...IF_MATCH,
        required: need === "required",
        description:
          need === "required"
            ? 'The record\'s ETag, e.g. "3": the version you last read. Without it the reply is 428; a malformed one is a 400.'
            : 'The record\'s ETag, e.g. "3": the version you last read. Or send `version` in the body; when both are sent they must agree. Without either the reply is 428; a malformed one is a 400.',
      });
  }
  list.push({ $ref: "#/components/parameters/RequestId" });
  return list;
}

const HEADER_REFS: Record<ReplyHeader | "X-Request-Id" | "Idempotent-Replayed", string> = {
  ETag: "#/components/headers/ETag",
  Location: "#/components/headers/Location",
  "X-Request-Id": "#/components/headers/RequestId",
  "Idempotent-Replayed": "#/components/headers/IdempotentReplayed",
};

const headersOf = (names: readonly (keyof typeof HEADER_REFS)[]) => Object.fromEntries(names.map((name) => [name, { $ref: HEADER_REFS[name] }]));

const problemResponse = (codes: string[], status: number) => ({
  description: `Problem: ${codes.map((code) => `\`${code}\``).join(", ")}`,
  headers: headersOf(["X-Request-Id"]),
  content: { "application/problem+json": { schema: refTo("Problem"), example: problemExample(codes[0]!, status) } },
});

function problemExample(code: string, status: number) {
  return { type: `/problems/${code}`, title: TITLES[status] ?? "Error", status, detail: EXAMPLES.problems[code] ?? "What went wrong, for a person.", code, request_id: EXAMPLES.requestId };
}


/** The downloads of a list that exports (its description says what a row is). */
const EXPORT_CONTENT = {
  [Export.MEDIA_TYPES.csv.split(";")[0]!]: { schema: { type: "string", description: "RFC 4180 CSV, UTF-8 with a byte-order mark; a header line of the JSON fields' names, then a line per row." } },
  [Export.MEDIA_TYPES.xlsx]: { schema: { type: "string", format: "binary", description: "An XLSX workbook of one sheet: a header row of the JSON fields' names, then a row per row." } },
};

const sameCodes = (a: string[], b: string[]) => a.length === b.length && a.every((code) => b.includes(code));

/** Error replies every route shares live once under components; a route's own codes are spelled out on it. */
function responses(op: Operation, shared: Map<number, string[]>, pages: Record<string, JsonSchema>) {
  const out: Record<string, unknown> = {};
  const example = EXAMPLES.replies[`${op.method} ${op.template}`];
  for (const [status, schema] of Object.entries(op.spec.responses)) {
    const names = [...(op.spec.headers?.[Number(status)] ?? []), "X-Request-Id" as const, ...(op.method === "POST" && op.spec.access !== "public" ? ["Idempotent-Replayed" as const] : [])];
    const headers = headersOf(names);
    const mediaType = op.spec.mediaType ?? "application/json";
    out[status] = schema
      ? {
          description: "Success",
          headers,
          content: {
            [mediaType]: { schema: schemaOf(schema, "output", pages), ...(example?.status === Number(status) && mediaType === "application/json" ? { example: example.body } : {}) },
            ...(op.spec.exports && status === "200" ? EXPORT_CONTENT : {}),
          },
        }
      : { description: status === "302" || status === "303" ? "Redirect to the `Location` header" : "Success, no content", headers };
  }
  for (const [status, codes] of errorsOf(op.spec)) {
    const common = shared.get(status);
    out[String(status)] = common && sameCodes(common, codes) ? { $ref: `#/components/responses/${status}` } : problemResponse(codes, status);
  }
  if (op.spec.access !== "public") out["429"] = { $ref: "#/components/responses/429" };
  return out;
}

function requestBody(op: Operation, pages: Record<string, JsonSchema>) {
  if (op.spec.upload && !op.spec.body) {
    const limit = op.spec.maxBodyBytes ?? MAX_JSON_BODY_BYTES;
    return {
      requestBody: {
        required: true,
        description: `The file itself, of at most ${limit} bytes; larger bodies are refused with 413, other media types with 415.`,
        content: Object.fromEntries(op.spec.upload.map((media) => [media, { schema: { type: "string", format: "binary" } }])),
      },
    };
  }
  const body = op.spec.body;
  if (!body) return {};
  const limit = op.spec.maxBodyBytes ?? MAX_JSON_BODY_BYTES;
  const example = EXAMPLES.requests[`${op.method} ${op.template}`];
  return {
    requestBody: {
      required: !op.spec.bodyOptional,
      description: [
        op.spec.bodyOptional ? "Optional: no body, or an empty one, is the same as `{}`." : "",
        `JSON (\`application/json\`) of at most ${MAX_JSON_BODY_BYTES} bytes${op.spec.multipart ? `, or \`multipart/form-data\` of at most ${limit} bytes` : ""}${op.spec.upload ? `, or the file itself (${op.spec.upload.map((media) => `\`${media}\``).join(", ")}) of at most ${limit} bytes` : ""}; larger bodies are refused with 413, other media types with 415.`,
      ]
        .filter(Boolean)
        .join(" "),
      content: {
        "application/json": { schema: schemaOf(body, "input", pages), ...(example ? { example } : {}) },
        ...(op.spec.multipart ? { "multipart/form-data": { schema: op.spec.multipart, encoding: { file: { contentType: "*/*" } } } } : {}),
        ...Object.fromEntries((op.spec.upload ?? []).map((media) => [media, { schema: { type: "string", format: "binary" } }])),
      },
    },
  };
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

const DESCRIPTION = [
  "Contracts, their clients and their termination.",
  `Every \`/api\` call needs \`Authorization: Bearer <token>\`; a token whose subject is longer than ${MAX_SUBJECT_BYTES} bytes is refused (401).`,
  "On a stage the gateway checks the token before the API runs (its signature, issuer, audience and expiry): without a valid one it answers 401 with its own body, `{\"message\":\"Unauthorized\"}`, not a problem document. The API then refuses, as a problem document, a token the gateway lets through but the API does not accept (an access token, for one).",
  "Errors are `application/problem+json` with a stable `code` (see the `Problem` schema for every code) and the `request_id` to quote.",
  "Query parameters that an operation does not list are refused (422), as are body fields its schema does not list.",
  "Writes to a versioned record name the version they change (`If-Match`, or `version` in the body): a stale one is a 409, a missing one a 428.",
  "Every POST accepts an `Idempotency-Key`: the same key and body again answer the first reply (`Idempotent-Replayed: true`); the key with another body is a 422.",
  "Request headers an operation reads are checked before anything else of the request: a malformed one is a 400 that names it.",
  "Each stage throttles requests at its gateway: past the stage's rate and burst, a request is answered 429 before it reaches the API.",
].join("\n\n");

/** `contract.renewed` → `WebhookContractRenewed`: the component of the body its receivers get. */
const webhookComponent = (type: string) => `Webhook${type.split(/[._]/).map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join("")}`;

const WEBHOOK_HEADERS = [
  ["webhook-id", "The delivery's id: the same on every retry and replay of it, so a receiver can ignore one it has handled."],
  ["webhook-timestamp", "When this attempt was signed, in seconds since 1970; reject one more than five minutes away from your clock."],
  ["webhook-signature", "`v1,<base64 HMAC-SHA256 of \"id.timestamp.body\">`, one per secret that signs now (two during a rotation's overlap), separated by spaces."],
] as const;

/**
 * The events the stage delivers to webhook subscriptions (OpenAPI 3.1
 * `webhooks`), each with its versioned body schema, signed as Standard
 * Webhooks specifies.
 */
function webhooksSection() {
  const bodies = Webhook.bodySchemas();
  const schemas = Object.fromEntries(Object.entries(toJsonSchemaDefs(Object.fromEntries(Object.entries(bodies).map(([type, schema]) => [webhookComponent(type), schema])), config("output"))));
  const webhooks = Object.fromEntries(
    Object.keys(bodies).map((type) => [
      type,
      {
        post: {
          operationId: `webhook${webhookComponent(type).slice("Webhook".length)}`,
          tags: ["Webhooks"],
          summary: type === Webhook.PING ? "A test delivery (`POST /api/admin/webhooks/{id}/ping`)" : `A \`${type}\` event`,
          description:
            "POSTed to each subscription of this event type. Verify it with the `standardwebhooks` library and the subscription's secret before reading it; answer 2xx within the stage's timeout (10 s) once it is stored. " +
            "Anything else is retried with exponential backoff and jitter, with the same `webhook-id`, until the stage's attempts are spent. " +
            "`data` carries its schema's version (`schema_version` or `version`): a new field is additive, a breaking change a new version.",
          parameters: WEBHOOK_HEADERS.map(([name, description]) => ({ name, in: "header", required: true, description, schema: { type: "string" } })),
          requestBody: { required: true, content: { "application/json": { schema: refTo(webhookComponent(type)) } } },
          responses: { "2XX": { description: "Received: the delivery is done." }, default: { description: "Not received: the delivery is tried again later." } },
        },
      },
    ]),
  );
  return { webhooks, schemas };
}

export function openApiDocument(app: Hono<any, any, any>) {
  const paths: Record<string, Record<string, unknown>> = {};
  const pages: Record<string, JsonSchema> = {};
  // What a route that lists no codes of its own answers with.
  const shared = errorsOf({ summary: "", tag: "", access: "read", responses: {} });
  const operations = operationsOf(app);
  for (const op of operations) {
    (paths[op.template] ??= {})[op.method.toLowerCase()] = {
      operationId: operationId(op),
      tags: [op.spec.tag],
      summary: op.spec.summary,
      description: [op.spec.description, access(op)].filter(Boolean).join("\n\n"),
      security: op.spec.access === "public" ? [] : [{ bearerAuth: [] }],
      parameters: parameters(op, pages),
      ...requestBody(op, pages),
      responses: responses(op, shared, pages),
    };
  }
  const problem = toJsonSchemaDefs({ Problem: ProblemBody }, config("output")).Problem as { properties: Record<string, object> };
  const events = webhooksSection();
  return {
    openapi: "3.1.0",
    info: {
      title: "TESTEX API",
      version: "1",
      description: DESCRIPTION,
      contact: { name: "TESTEX", url: "https://github.com/testex" },
      license: { name: "Proprietary", identifier: "LicenseRef-Proprietary" },
    },
    servers: [{ url: "/", description: "Where this document is served: the stage's gateway URL (`npx sst deploy` prints it), or http://localhost:3000 from `npm start`." }],
    security: [{ bearerAuth: [] }],
    tags: [...new Set(operations.map((op) => op.spec.tag))].map((name) => ({ name, description: TAGS[name] ?? name })),
    paths,
    webhooks: events.webhooks,
    components: {
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", bearerFormat: "JWT", description: "A token from the stage's identity provider (locally: `npm run token -- --role viewer`)." },
      },
      schemas: {
        ...toJsonSchemaDefs(RESOURCES, config("output")),
        ...toJsonSchemaDefs(INPUTS, config("input")),
        ...Object.fromEntries(Object.entries(pages).sort(([a], [b]) => a.localeCompare(b))),
        ...events.schemas,
        Throttled: { type: "object", properties: { message: { type: "string" } }, required: ["message"], description: "The gateway's own reply when it throttles: not a problem document." },
        Problem: { ...problem, properties: { ...problem.properties, code: { ...problem.properties.code, enum: allErrorCodes(operations) } } },
      },
      parameters: {
        IdempotencyKey: {
          name: "Idempotency-Key",
          in: "header",
          required: false,
          description: "Makes a retried POST safe: the same key and body within a day answer the first reply again. Per caller. A malformed key is a 400.",
          schema: { type: "string", pattern: Idempotency.KEY.source },
        },
        RequestId: {
          name: "X-Request-Id",
          in: "header",
          required: false,
          description: "Your id for this request, echoed in the reply and the logs; another form is replaced by one of ours.",
          schema: { type: "string", pattern: "^[A-Za-z0-9._-]{8,64}$" },
        },
      },
      headers: {
        ETag: { description: 'The record\'s version, quoted (`"3"`): send it back as `If-Match` to change the record.', schema: { type: "string", pattern: '^"[0-9]+"$' } },
        Location: { description: "Where the created record (or the download) is.", schema: { type: "string" } },
        RequestId: { description: "The request's id: quote it when reporting a problem.", schema: { type: "string" } },
        IdempotentReplayed: { description: "`true` when this is the stored reply to an earlier request with the same `Idempotency-Key`.", schema: { type: "string", enum: ["true"] } },
        RetryAfter: { description: "Seconds to wait before trying again.", schema: { type: "integer", minimum: 1 } },
      },
      responses: {
        ...Object.fromEntries([...shared].map(([status, codes]) => [String(status), problemResponse(codes, status)])),
        "429": {
          description:
            "Too many requests: the stage's gateway refuses requests past its rate and burst limits before they reach the API. " +
            "Retry after `Retry-After` seconds when the reply states it; the gateway's own reply does not, so wait about a second and back off exponentially.",
          headers: { "Retry-After": { $ref: "#/components/headers/RetryAfter" } },
          content: { "application/json": { schema: refTo("Throttled"), example: { message: "Too Many Requests" } } },
        },
      },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof openApiDocument>;
