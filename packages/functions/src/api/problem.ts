import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import * as v from "valibot";
import { DomainError, describeError, log, type ErrorCode } from "@testex/core";

/**
 * The one place where domain error codes become HTTP statuses. A code not
 * listed falls back by its suffix; a domain error is a refusal of the request,
 * so it is never a 5xx.
 */
const STATUS: Partial<Record<ErrorCode, ContentfulStatusCode>> = {
  "request.malformed": 400,
  "cursor.invalid": 400,
  "auth.unauthenticated": 401,
  "auth.forbidden": 403,
  "termination.four_eyes": 403,
  "termination.not_requester": 403,
  "route.not_found": 404,
  "method.not_allowed": 405,
  "request.too_large": 413,
  "request.unsupported_media_type": 415,
  "validation.failed": 422,
  "idempotency.key_reused": 422,
  "webhook.target_refused": 422,
  "version.required": 428,
  "auth.unavailable": 503,
};

export function statusOf(code: ErrorCode): ContentfulStatusCode {
  return STATUS[code] ?? (code.endsWith(".not_found") ? 404 : 409);
}

export const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  428: "Precondition Required",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

export const problemType = (code: ErrorCode) => `/problems/${code}`;

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  request_id: string;
  [extension: string]: unknown;
}

const Text = v.string();
const Ids = v.optional(v.string());

/**
 * The body of every error reply (RFC 9457 problem details), as documented in
 * the OpenAPI document: the standard members, our `code` and `request_id`,
 * and the extension members some codes add to help the caller correct the
 * request. A reply with a member not listed here breaks the contract.
 */
export const ProblemBody = v.strictObject({
  type: v.pipe(Text, v.description("`/problems/<code>`")),
  title: Text,
  status: v.pipe(v.number(), v.integer()),
  detail: v.pipe(Text, v.description("What went wrong and how to fix it, for a person.")),
  code: v.pipe(Text, v.description("Stable: branch on it.")),
  request_id: v.pipe(Text, v.description("Quote it when reporting a problem; also the reply's `X-Request-Id`.")),
  /** Each failing field of a `validation.failed` reply. */
  errors: v.optional(v.pipe(v.array(v.object({ path: Text, message: Text })), v.description("`validation.failed`: each failing field (a dot path; empty for the body itself) and what it must be."))),
  current_version: v.optional(v.pipe(v.number(), v.description("`version.conflict`: the record's version now."))),
  current_status: v.optional(v.pipe(Text, v.description("The status of the record that made the request impossible (contract, file, termination, notice, event)."))),
  allowed: v.optional(v.pipe(v.array(Text), v.description("`request.unsupported_media_type`: the accepted media types; `termination.invalid_transition`: the moves allowed now; `method.not_allowed`: the methods of the path."))),
  detected: v.optional(v.pipe(Text, v.description("`request.unsupported_media_type`: the media type the content turned out to be."))),
  max_bytes: v.optional(v.pipe(v.number(), v.description("`request.too_large`: the limit that was passed; `auth.unauthenticated`: the longest subject accepted."))),
  client_id: Ids,
  client_status: Ids,
  contract_id: Ids,
  delivery_id: Ids,
  contract_count: v.optional(v.number()),
  email: Ids,
  event_id: Ids,
  file_id: Ids,
  notification_id: Ids,
  notification_status: Ids,
  rejection_reason: Ids,
  requested_by: Ids,
  subscription_id: Ids,
  termination_id: Ids,
  termination_status: Ids,
});

export function problem(c: Context, status: ContentfulStatusCode, code: ErrorCode, detail: string, details: Record<string, unknown> = {}) {
  // A record's `status` must not be taken for the reply's.
  const { status: recordStatus, ...extensions } = details;
  const body: Problem = {
    ...extensions,
    ...(recordStatus !== undefined ? { current_status: recordStatus } : {}),
    type: problemType(code),
    title: TITLES[status] ?? "Error",
    status,
    detail,
    code,
    request_id: c.get("requestId") ?? "",
  };
  return c.body(JSON.stringify(body), status, { "content-type": "application/problem+json", ...challenge(c, status), ...closeAfterRefusedBody(status) });
}

/**
 * A body refused for its size is left unread, and the server drops what
 * remains of it with the socket: saying so lets the client open a new
 * connection for its next request instead of failing on this one.
 */
const closeAfterRefusedBody = (status: number): Record<string, string> => (status === 413 ? { connection: "close" } : {});

/** RFC 6750: a 401 says how to authenticate, and whether the token that came was the trouble. */
function challenge(c: Context, status: number): Record<string, string> {
  if (status !== 401) return {};
  const sent = c.req.header("authorization") !== undefined;
  return { "www-authenticate": `Bearer realm="testex"${sent ? ', error="invalid_token"' : ""}` };
}

/** Hono's onError: known errors keep their meaning; anything else is a logged 500 with no internals. */
export function onError(error: Error, c: Context) {
  if (error instanceof DomainError) {
    return problem(c, statusOf(error.code), error.code, error.message, error.details);
  }
  log.error("unhandled error", { ...describeError(error), path: c.req.path, method: c.req.method });
  return problem(c, 500, "internal", "Something went wrong on our side. Quote the request id when reporting it.");
}
