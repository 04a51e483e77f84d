import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { GenericSchema } from "valibot";
import { can, DomainError, type Capability } from "@testex/core";
import { parse } from "@testex/core/validation";
import { idempotency } from "./middleware/idempotency";
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
  errors?: readonly string[];
  /** Largest request body this route reads; JSON routes keep the default. */
  maxBodyBytes?: number;
  /** The body may be left out (or sent empty); `body` then says what one may hold. */
  bodyOptional?: boolean;
  /** The body is a file of one of these media types, not JSON. */
  upload?: readonly string[];
  /** The JSON Schema of a multipart/form-data body the route also takes (besides JSON). */
  multipart?: Record<string, unknown>;
  /** Headers a success reply carries besides X-Request-Id, by status. */
  headers?: Partial<Record<number, readonly ReplyHeader[]>>;
}

/** Reply headers a route may set; the document describes each once. */
export type ReplyHeader = "ETag" | "Location";

/** JSON bodies are small; documents go straight to S3, or through the one route that declares more. */
export const MAX_JSON_BODY_BYTES = 256 * 1024;

/**
 * Every route starts with `operation({...})`: at run time it enforces `access`
 * and the route's body limit (413 beyond it), checks the path parameters
 * against `params` (so no malformed id ever reaches DynamoDB), and honours an
 * `Idempotency-Key` on POSTs — in that order, so nothing reads a body before
 * its limit is known. The spec it carries is read at build time to generate
 * the OpenAPI document, so the document cannot drift from the routes.
 */
export function operation(spec: OperationSpec): MiddlewareHandler<AppEnv> & { spec: OperationSpec } {
  const maxSize = spec.maxBodyBytes ?? MAX_JSON_BODY_BYTES;
  const limitBody = bodyLimit({
    maxSize,
    onError: () => {
      throw new DomainError("request.too_large", `Bodies of this request are limited to ${maxSize} bytes.`, { max_bytes: maxSize });
    },
  });
  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (spec.access !== "public" && !can(c.get("actor"), spec.access)) {
      throw new DomainError("auth.forbidden", `This needs the "${spec.access}" permission, which your role does not grant.`);
    }
    if (spec.params) parse(spec.params, c.req.param());
    await limitBody(c, async () => {
      // Called outside Hono's composer, so a replayed reply must be set on the context here.
      const replayed = await idempotency(c, next);
      if (replayed instanceof Response) c.res = replayed;
    });
  };
  return Object.assign(middleware, { spec });
}
