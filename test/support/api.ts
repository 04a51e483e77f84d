import { ROLES, type Actor, type Role } from "@testex/core";
import { mintToken } from "@testex/local/token";
import { app } from "@testex/functions/api/app";
import { contractViolations } from "@testex/functions/api/operations";

/** A role (acting as `user-<role>`) or a full actor; tokens are real, signed with the local provider's key and checked through its JWKS. */
export type Caller = Role | Actor;

const actorOf = (caller: Caller): Actor =>
  typeof caller === "string" ? { id: `user-${caller}`, email: `${caller}@example.com`, name: `Test ${caller}`, roles: [caller] } : caller;

export const tokenFor = (caller: Caller) => mintToken(actorOf(caller));
export { ROLES };

export interface Reply<T = any> {
  method: string;
  path: string;
  status: number;
  headers: Headers;
  body: T;
}

/** Calls the real app in-process (no socket), the way API tests and fuzzing do. */
export async function call<T = any>(
  method: string,
  path: string,
  /** `raw` is sent as is: text, bytes, or a form (which sets its own multipart content type). */
  options: { as?: Caller; body?: unknown; raw?: string | Uint8Array | FormData; headers?: Record<string, string> } = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.as) headers.authorization ??= `Bearer ${await tokenFor(options.as)}`;
  let body: string | Uint8Array | FormData | undefined = options.raw;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  const response = await app.request(path, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { method, path, status: response.status, headers: response.headers, body: parsed as T };
}

/**
 * Throws unless the reply keeps the API's documented contract: a status its
 * operation documents, and a body matching that operation's schema for that
 * status (problem+json with a listed code for errors). Returns the reply, so
 * `const reply = documented(await call(...))` checks as it goes.
 */
export function documented<T>(reply: Reply<T>): Reply<T> {
  const violations = contractViolations(app, reply);
  if (violations.length > 0) throw new Error(`Reply breaks the API contract:\n  ${violations.join("\n  ")}`);
  return reply;
}
