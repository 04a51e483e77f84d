import type { Hono } from "hono";
import * as v from "valibot";
import { Export, type ErrorCode } from "@testex/core";
import type { OperationSpec } from "./operation";
import { ProblemBody, statusOf } from "./problem";

/**
 * The app's operations, read from `app.routes`: every route starts with
 * `operation()`, whose spec rides on the middleware. The OpenAPI document, the
 * contract tests and the fuzzing all start here, so a new route is covered
 * the moment it is mounted. Not imported by the app itself (nor its Lambda).
 */
export interface Operation {
  method: string;
  /** Hono's form, `/api/clients/:id`. */
  path: string;
  /** OpenAPI's form, `/api/clients/{id}`. */
  template: string;
  spec: OperationSpec;
}

type AnyApp = Hono<any, any, any>;

export function operationsOf(app: AnyApp): Operation[] {
  const found = new Map<string, Operation>();
  for (const route of app.routes) {
    const spec = (route.handler as { spec?: OperationSpec }).spec;
    const key = `${route.method} ${route.path}`;
    if (spec && !found.has(key)) {
      found.set(key, { method: route.method, path: route.path, template: route.path.replace(/:(\w+)(\{[^}]*\})?/g, "{$1}"), spec });
    }
  }
  return [...found.values()];
}

/** Every method + path the app answers, whether or not it starts with `operation()`. */
export const servedRoutes = (app: AnyApp): string[] => [...new Set(app.routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path}`))];

/** Errors any route may answer with, whatever it does. */
const COMMON_ERRORS: readonly ErrorCode[] = [
  "request.malformed",
  "cursor.invalid",
  "request.too_large",
  "request.unsupported_media_type",
  "validation.failed",
  "internal",
];
const AUTH_ERRORS: readonly ErrorCode[] = ["auth.unauthenticated", "auth.forbidden", "auth.unavailable"];
/** Codes no operation answers, because no operation was found for the request. */
const ROUTING_ERRORS: readonly ErrorCode[] = ["route.not_found", "method.not_allowed"];

/** Every code the API can answer with, for the `code` enum of the document's Problem. */
export const allErrorCodes = (operations: Operation[]): ErrorCode[] =>
  [...new Set([...ROUTING_ERRORS, ...operations.flatMap((op) => [...errorsOf(op.spec).values()].flat())])].sort();

/** The error codes of an operation grouped by HTTP status: the common ones plus those its spec lists. */
export function errorsOf(spec: OperationSpec): Map<number, ErrorCode[]> {
  const codes = [...COMMON_ERRORS, ...(spec.access === "public" ? [] : AUTH_ERRORS), ...(spec.errors ?? [])];
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set(codes)) {
    const status = code === "internal" ? 500 : statusOf(code);
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return new Map([...byStatus].sort(([a], [b]) => a - b));
}

/** The operation that answers `method url`, static segments before parameters (as the router does). */
export function operationFor(app: AnyApp, method: string, url: string): Operation | undefined {
  const path = new URL(url, "http://api.invalid").pathname;
  const candidates = operationsOf(app)
    .filter((op) => op.method === method.toUpperCase())
    .sort((a, b) => (a.path.match(/:/g)?.length ?? 0) - (b.path.match(/:/g)?.length ?? 0));
  return candidates.find((op) => new RegExp(`^${op.path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/:\w+/g, "[^/]+")}$`).test(path));
}

export interface ObservedReply {
  method: string;
  path: string;
  status: number;
  headers: Headers;
  body: unknown;
}

/**
 * Where a reply breaks the documented contract of its operation: an
 * undocumented status, the wrong media type, or a body that does not match
 * the schema of that operation and status. Empty when it keeps it.
 */
export function contractViolations(app: AnyApp, reply: ObservedReply): string[] {
  const where = `${reply.method} ${reply.path} -> ${reply.status}`;
  const type = reply.headers.get("content-type") ?? "";
  const problems: string[] = [];
  const op = operationFor(app, reply.method, reply.path);
  if (reply.status >= 400) {
    if (!type.startsWith("application/problem+json")) problems.push(`${where}: content-type ${type}, not application/problem+json`);
    const body = v.safeParse(ProblemBody, reply.body);
    if (!body.success) return [...problems, `${where}: not a problem document: ${issuesOf(body.issues)}`];
    if (body.output.status !== reply.status) problems.push(`${where}: problem says status ${body.output.status}`);
    if (!op) {
      if (!(ROUTING_ERRORS as readonly string[]).includes(body.output.code)) problems.push(`${where}: no operation answers this route`);
      return problems;
    }
    const codes = errorsOf(op.spec).get(reply.status);
    if (!codes) problems.push(`${where}: status ${reply.status} is not documented for ${op.method} ${op.template}`);
    else if (!(codes as readonly string[]).includes(body.output.code)) problems.push(`${where}: code ${body.output.code} is not documented (expected one of ${codes.join(", ")})`);
    return problems;
  }
  if (!op) return [`${where}: no operation answers this route`];
  if (!(reply.status in op.spec.responses)) return [`${where}: status ${reply.status} is not documented for ${op.method} ${op.template}`];
  const schema = op.spec.responses[reply.status];
  if (schema === null || schema === undefined) {
    if (reply.body !== null && reply.body !== "") problems.push(`${where}: expected an empty body`);
    return problems;
  }
  // A download's bytes have no JSON schema: the export tests read them back.
  if (op.spec.exports && Object.values(Export.MEDIA_TYPES).some((media) => type.startsWith(media.split(";")[0]!))) return problems;
  const mediaType = op.spec.mediaType ?? "application/json";
  if (!type.startsWith(mediaType)) problems.push(`${where}: content-type ${type}, documented ${mediaType}`);
  const body = v.safeParse(schema, reply.body);
  if (!body.success) problems.push(`${where}: body does not match the documented schema: ${issuesOf(body.issues)}`);
  return problems;
}

const issuesOf = (issues: readonly v.BaseIssue<unknown>[]) => issues.map((i) => `${v.getDotPath(i) ?? "(root)"}: ${i.message}`).join("; ");
