import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import * as v from "valibot";
import { safeParse, type GenericSchema, type InferInput } from "valibot";
import { can, DomainError, Idempotency, ValidationError, type Capability, type ErrorCode } from "@testex/core";
import { parse, toFieldIssues } from "@testex/core/validation";
import { idempotency } from "./middleware/idempotency";
import { jsonBody, MAX_JSON_BODY_BYTES, optionalBody } from "./request";
import type { AppEnv } from "./types";

/** What one route does, who may call it, and the schemas of what goes in and out. */
export interface OperationSpec {
  summary: string;
  description?: string;
  /** The capability the caller needs; "public" routes need no token. */
  access: Capability | "public";
  /** Tag in the API document (the resource). */
  tag: string;
  params?: GenericSchema;
  query?: GenericSchema;
  body?: GenericSchema;
  /** Success responses by status; `null` for an empty body. */
  responses: Record<number, GenericSchema | null>;
  /** Media type of the success responses, when not JSON (e.g. the docs page). */
  mediaType?: string;
  /** The 200 reply can also be a CSV or XLSX download (`format`, or `Accept`); the description says of what. */
  exports?: boolean;
  /** Domain error codes this route can answer with, beyond the ones every route has. */
  errors?: readonly ErrorCode[];
  /** Largest request body this route reads; JSON routes keep the default. */
  maxBodyBytes?: number;
  /** The body may be left out (or sent empty); `body` then says what one may hold. */
  bodyOptional?: boolean;
  /** The body is a file of one of these media types, not JSON (or, with `body`, either). */
  upload?: readonly string[];
  /** The JSON Schema of a multipart/form-data body the route also takes (besides JSON). */
  multipart?: Record<string, unknown>;
  /** Headers a success reply carries besides X-Request-Id, by status. */
  headers?: Partial<Record<number, readonly ReplyHeader[]>>;
  /** Request headers the route reads, and whether it needs them (a POST's `Idempotency-Key` is implied). */
  requestHeaders?: Partial<Record<RequestHeader, "required" | "optional">>;
}

const ETAG = /^\s*(?:W\/)?"?(\d{1,12})"?\s*$/;

/**
 * The request headers a route may read, each with its schema and what its
 * absence means when the route needs it. `operation()` checks them before
 * anything else reads the request (a malformed one is a 400 naming it), and
 * the document states them from the same list.
 */
export const REQUEST_HEADERS = {
  "If-Match": {
    schema: v.pipe(
      v.string(),
      v.regex(ETAG, 'Expected the ETag of the record, e.g. "3"'),
      v.transform((tag) => Number(ETAG.exec(tag)![1])),
    ),
    missing: () => new DomainError("version.required", "Say which version you are changing: send If-Match with the record's ETag."),
  },
  "Idempotency-Key": {
    schema: v.pipe(v.string(), v.regex(Idempotency.KEY, "Expected 8 to 128 characters: letters, digits, . _ : -")),
    missing: () => new DomainError("request.malformed", "Send an Idempotency-Key."),
  },
} satisfies Record<string, { schema: GenericSchema; missing: () => DomainError }>;
export type RequestHeader = keyof typeof REQUEST_HEADERS;

/** The headers an operation reads: those its spec names, and an `Idempotency-Key` on every POST that needs a caller. */
export function requestHeadersOf(method: string, spec: OperationSpec): [RequestHeader, "required" | "optional"][] {
  const named = Object.entries(spec.requestHeaders ?? {}) as [RequestHeader, "required" | "optional"][];
  return method === "POST" && spec.access !== "public" ? [...named, ["Idempotency-Key", "optional"]] : named;
}

type Headers = { [H in RequestHeader]?: v.InferOutput<(typeof REQUEST_HEADERS)[H]["schema"]> };

/** The request headers an operation reads, checked: a malformed one is a 400 that names it, a missing needed one its own refusal. */
function checkedHeaders(method: string, spec: OperationSpec, read: (name: string) => string | undefined): Headers {
  const headers: Record<string, unknown> = {};
  for (const [name, need] of requestHeadersOf(method, spec)) {
    const sent = read(name);
    if (sent === undefined) {
      if (need === "required") throw REQUEST_HEADERS[name].missing();
      continue;
    }
    const result = v.safeParse(REQUEST_HEADERS[name].schema, sent);
    if (!result.success) throw new DomainError("request.malformed", `The ${name} header is not valid: ${result.issues[0].message}.`);
    headers[name] = result.output;
  }
  return headers as Headers;
}

/** Reply headers a route may set; the document describes each once. */
export type ReplyHeader = "ETag" | "Location";

export { MAX_JSON_BODY_BYTES };

type Part<S, K extends string> = S extends { [key in K]: infer X extends GenericSchema } ? InferInput<X> : undefined;

/**
 * What a route reads of its request, each part checked against the spec's
 * schema before the route runs (a 422 naming every bad field otherwise).
 * Typed as the schema's input: core parses it once more into what it uses.
 */
export interface Input<S> {
  params: S extends { params: infer X extends GenericSchema } ? InferInput<X> : Record<string, string>;
  query: Part<S, "query">;
  body: Part<S, "body">;
  /** The request headers the route reads, parsed (`If-Match` as the version it names). */
  headers: Headers;
}

/** A request part, unchanged, once it is known to satisfy `schema`. */
function checked(schema: GenericSchema, value: unknown): unknown {
  const result = safeParse(schema, value, { abortEarly: false });
  if (!result.success) throw new ValidationError(toFieldIssues(result.issues));
  return value;
}

/**
 * Every route starts with `operation({...})`: at run time it enforces `access`
 * and the route's body limit (413 beyond it), checks the path parameters
 * against `params` (so no malformed id ever reaches DynamoDB) and the request
 * headers it reads against theirs, and honours an `Idempotency-Key` on POSTs
 * — in that order, so nothing reads a body before
 * its limit is known — and then checks the query and the JSON body against
 * theirs, handing the route a typed `c.var.input` (a multipart body is the
 * route's own to read). The spec it carries is read at build time to generate
 * the OpenAPI document, so the document cannot drift from the routes.
 */
export function operation<const S extends OperationSpec>(spec: S): MiddlewareHandler<AppEnv & { Variables: { input: Input<S> } }> & { spec: OperationSpec } {
  const maxSize = spec.maxBodyBytes ?? MAX_JSON_BODY_BYTES;
  const limitBody = bodyLimit({
    maxSize,
    onError: () => {
      throw new DomainError("request.too_large", `Bodies of this request are limited to ${maxSize} bytes.`, { max_bytes: maxSize });
    },
  });
  const middleware: MiddlewareHandler<AppEnv & { Variables: { input: Input<S> } }> = async (c, next) => {
    if (spec.access !== "public" && !can(c.get("actor"), spec.access)) {
      throw new DomainError("auth.forbidden", `This needs the "${spec.access}" permission, which your role does not grant.`);
    }
    if (spec.params) parse(spec.params, c.req.param());
    const headers = checkedHeaders(c.req.method, spec, (name) => c.req.header(name));
    await limitBody(c, async () => {
      // Called outside Hono's composer, so a replayed reply must be set on the context here.
      const replayed = await idempotency(c as unknown as Context<AppEnv>, async () => {
        const query = spec.query ? checked(spec.query, c.req.query()) : undefined;
        const type = c.req.header("content-type") ?? "";
        const multipart = spec.multipart && /^multipart\/form-data\s*;/i.test(type);
        const file = spec.upload?.includes(type.split(";")[0]!.trim().toLowerCase());
        const json = spec.body && !multipart && !file;
        const body = json ? checked(spec.body!, spec.bodyOptional ? await optionalBody(c) : await jsonBody(c)) : undefined;
        // Checked against the schemas just above: the types say what they checked.
        c.set("input", { params: c.req.param(), query, body, headers } as Input<S>);
        await next();
      });
      if (replayed instanceof Response) c.res = replayed;
    });
  };
  // An export may be answered with a 303 to a link to it (`delivery=link`).
  const documented: OperationSpec = spec.exports ? { ...spec, responses: { ...spec.responses, 303: null }, headers: { ...spec.headers, 303: ["Location"] } } : spec;
  return Object.assign(middleware, { spec: documented });
}
