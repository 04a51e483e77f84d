import type { Context } from "hono";
import * as v from "valibot";
import { DomainError, ValidationError } from "@testex/core";
import { toFieldIssues } from "@testex/core/validation";

/** JSON bodies are small; documents go straight to S3, or through the one route that declares more. */
export const MAX_JSON_BODY_BYTES = 256 * 1024;

/** The JSON body, or a 400 / 413 / 415 that says what is wrong with it (also on routes that accept larger bodies of other types). */
export async function jsonBody(c: Context): Promise<unknown> {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/(.+\+)?json\s*(;|$)/i.test(type)) {
    throw new DomainError("request.unsupported_media_type", "Send the body as application/json.");
  }
  const text = await c.req.text();
  if (Buffer.byteLength(text) > MAX_JSON_BODY_BYTES) {
    throw new DomainError("request.too_large", `JSON bodies are limited to ${MAX_JSON_BODY_BYTES} bytes.`, { max_bytes: MAX_JSON_BODY_BYTES });
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new DomainError("request.malformed", "The body is not valid JSON.");
  }
  // Every body of this API is an object; a list would pass an object schema with no keys.
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new ValidationError([{ path: "", message: "The body must be a JSON object" }]);
  }
  return body;
}

/** Query parameters validated against `schema` (422 naming each bad parameter). */
/** A body is optional on actions (decisions, renewals): no body, or an empty one, is `{}`; anything else must be JSON. */
export const optionalBody = async (c: Context) => ((await c.req.text()).trim() === "" ? {} : jsonBody(c));

export function queryOf<S extends v.GenericSchema>(c: Context, schema: S): v.InferOutput<S> {
  const result = v.safeParse(schema, c.req.query(), { abortEarly: false });
  if (!result.success) throw new ValidationError(toFieldIssues(result.issues));
  return result.output;
}

/**
 * The version the caller last saw: `If-Match: "3"` (as the ETag we send,
 * checked and read by `operation()`) or `version` in the body. Updates
 * without it are refused, so no write is blind.
 */
export function expectedVersion(ifMatch: number | undefined, body?: unknown): number {
  const stated = versionIn(body);
  if (ifMatch !== undefined) {
    if (stated !== undefined && stated !== ifMatch) {
      throw new ValidationError([{ path: "version", message: "The body's version and If-Match name different versions" }]);
    }
    return ifMatch;
  }
  if (stated === undefined) {
    throw new DomainError("version.required", "Say which version you are changing: send If-Match with the record's ETag, or `version` in the body.");
  }
  if (typeof stated === "number" && Number.isInteger(stated) && stated >= 1) return stated;
  throw new ValidationError([{ path: "version", message: "Expected the record's version: a whole number from 1" }]);
}

const versionIn = (body: unknown): unknown => (typeof body === "object" && body !== null && "version" in body ? body.version : undefined);

export const etag = (version: number) => `"${version}"`;
