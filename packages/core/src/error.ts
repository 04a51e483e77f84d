/**
 * The one error type the domain throws. `code` is stable and public: the HTTP
 * layer maps it to a status and a problem `type` in one place, and clients may
 * branch on it. `details` carries structured, non-sensitive facts (current
 * state, failing fields) that help the caller correct the request.
 */
export type ErrorCode =
  | "validation.failed"
  | "request.malformed"
  | "request.too_large"
  | "cursor.invalid"
  | "route.not_found"
  | "auth.unauthenticated"
  | "auth.forbidden"
  | "client.not_found"
  | "client.email_taken"
  | "client.has_contracts"
  | "client.inactive"
  | "contract.not_found"
  | "contract.read_only"
  | "contract.has_termination"
  | "version.conflict"
  | "idempotency.key_reused"
  | "idempotency.in_progress"
  | (string & {});

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = "DomainError";
    this.code = code;
    this.details = details;
  }
}

export interface FieldIssue {
  path: string;
  message: string;
}

export class ValidationError extends DomainError {
  readonly issues: FieldIssue[];

  constructor(issues: FieldIssue[]) {
    const listed = issues.slice(0, 3).map((issue) => issue.message);
    const more = issues.length > listed.length ? ` (and ${issues.length - listed.length} more)` : "";
    super("validation.failed", listed.length ? `${listed.join("; ")}${more}.` : "The request is not valid.", { errors: issues });
    this.issues = issues;
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
