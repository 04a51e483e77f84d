/**
 * The one error type the domain throws. `code` is stable and public: the HTTP
 * layer maps it to a status and a problem `type` in one place, and clients may
 * branch on it. `details` carries structured, non-sensitive facts (current
 * state, failing fields) that help the caller correct the request.
 */
export const ERROR_CODES = [
  // The request itself, before any business: its form, its route, or our side (internal, a 500).
  "request.malformed", "request.too_large", "request.unsupported_media_type", "validation.failed", "cursor.invalid", "route.not_found", "method.not_allowed", "internal",
  // Who is calling.
  "auth.unauthenticated", "auth.forbidden", "auth.unavailable",
  // Optimistic concurrency: the version the caller last saw.
  "version.conflict", "version.required",
  "idempotency.key_reused", "idempotency.in_progress",
  "client.not_found", "client.email_taken", "client.has_contracts", "client.inactive",
  "contract.not_found", "contract.read_only", "contract.has_termination", "contract.not_renewable", "contract.changed",
  "termination.not_found", "termination.invalid_transition", "termination.four_eyes", "termination.not_requester", "termination.already_approved",
  "file.not_found", "file.not_available", "file.immutable", "file.exists", "file.already_settled",
  "notification.not_found", "notification.not_dead", "notification.exists", "notification.attachment_without_contract", "notification.claim_lost", "notification.stale_proof",
  "import.not_found", "import_upload.not_found", "import.upload_missing", "import_mapping.not_found",
  "webhook.not_found", "webhook.delivery_not_found", "webhook.target_refused", "webhook.delivery_in_progress", "webhook.delivery_exists",
  // Outbox events (dead-letter replays, the processor).
  "event.not_found", "event.not_dead", "event.busy", "event.unknown_version",
  // Backups, restores and data migrations (operators' commands).
  "backup.not_found", "backup.corrupt", "restore.client_missing", "restore.concurrent_change", "restore.newer_data", "restore.table_not_empty", "migration.not_found",
] as const;
/** Every code the system answers or throws with: a code not listed here fails the type check. */
export type ErrorCode = (typeof ERROR_CODES)[number];

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
