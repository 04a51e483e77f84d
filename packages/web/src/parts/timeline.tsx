import { useQuery } from "@tanstack/react-query";
import { contract as contractQueries, terminations } from "../queries";
import { day, moment, money, words } from "./format";
import { RENEWAL_LABELS } from "./renewal";
import { ErrorMessage, Loading } from "./status";
import { nameOf, useTrail, type Actor } from "./trail";

type Snapshot = Record<string, unknown> | undefined;
type TerminationSnapshot = { reason?: string; reason_label?: string; effective_date?: string; decisions?: { outcome: string; comment?: string }[]; client_message?: string };

interface Entry extends Actor {
  action: string;
  entity: string;
  entity_id: string;
  before?: unknown;
  after?: unknown;
}

/** Fields a person reads in a change; bookkeeping (versions, timestamps, derived keys) is left out. */
const BOOKKEEPING = new Set(["version", "updated_at", "created_at", "approval_tier", "owner_id", "owner_email", "termination_id"]);

/** How a contract's field is named and shown in a change. */
const FIELDS: Record<string, { label: string; show: (value: unknown, snapshot: Record<string, unknown>) => string }> = {
  title: { label: "title", show: String },
  contract_type: { label: "type", show: (v) => words(String(v)) },
  start_date: { label: "start", show: (v) => day(String(v)) },
  end_date: { label: "end date", show: (v) => day(String(v)) },
  notice_deadline: { label: "notice deadline", show: (v) => day(String(v)) },
  value: { label: "value", show: (v, s) => money(Number(v), String(s.currency ?? "EUR")) },
  currency: { label: "currency", show: String },
  notice_period_days: { label: "notice period", show: (v) => `${v} days` },
  renewal: { label: "renewal", show: (v) => RENEWAL_LABELS[v as keyof typeof RENEWAL_LABELS] ?? words(String(v)) },
  renewal_term_months: { label: "renewal term", show: (v) => `${v} months` },
  status: { label: "status", show: (v) => words(String(v)) },
};

/**
 * What changed, before → after. A full snapshot on both sides (an edit) is
 * compared field by field; a partial one (a renewal names only what moved) is
 * compared on the fields both sides name, so nothing reads "— → …".
 */
export function changes(action: string, before: Snapshot, after: Snapshot): string[] {
  // An approval, or a document's step, moves nothing a person reads beyond what its sentence says.
  if (!before || !after || action === "termination.approved" || action === "termination.approval_recorded" || action.startsWith("file.")) return [];
  const fields = action === "contract.updated" ? Object.keys({ ...before, ...after }) : Object.keys(before).filter((key) => key in after);
  const show = (field: string, value: unknown, snapshot: Record<string, unknown>) =>
    value === undefined || value === null ? "none" : (FIELDS[field]?.show(value, snapshot) ?? String(value));
  return fields
    .filter((field) => !BOOKKEEPING.has(field) && typeof before[field] !== "object" && typeof after[field] !== "object")
    .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .map((field) => `${FIELDS[field]?.label ?? words(field)}: ${show(field, before[field], before)} → ${show(field, after[field], after)}`);
}

const termination = (entry: Entry): TerminationSnapshot => ((entry.after as { termination?: TerminationSnapshot } | undefined)?.termination ?? {});
const fileName = (entry: Entry, names: Map<string, string>) =>
  ((entry.after ?? entry.before) as { filename?: string } | undefined)?.filename ?? names.get(entry.entity_id) ?? "a document";
const quoted = (comment?: string) => (comment ? `: “${comment}”` : "");

/** What the timeline knows besides the entries: documents' names and the catalogue's reason labels, by id and code. */
export interface Names {
  files?: Map<string, string>;
  reasons?: Map<string, string>;
}

/** What an entry says, after the name of who did it. */
export function sentence(entry: Entry, known: Names = {}): string {
  const names = known.files ?? new Map<string, string>();
  const t = termination(entry);
  const reason = t.reason_label ?? (t.reason ? (known.reasons?.get(t.reason) ?? words(t.reason)) : "no reason given");
  const after = (entry.after ?? {}) as Record<string, unknown>;
  // A contract created by an import keeps the file and row it came from on its creation.
  const from = after.imported_from as { file: string; row: number } | undefined;
  const lastDecision = t.decisions?.at(-1);
  switch (entry.action) {
    case "contract.created":
      return from ? `imported the contract from ${from.file}, row ${from.row}` : "created the contract";
    case "contract.updated":
      return "changed the terms";
    case "contract.term_filled":
      return "recorded the contract's renewal terms";
    case "contract.deleted":
      return "deleted the contract";
    case "contract.restored":
      return "restored the contract";
    case "contract.suspended":
      return "suspended the contract";
    case "contract.reinstated":
      return "reinstated the contract";
    case "contract.renewed":
      return after.end_date ? `renewed the contract until ${day(String(after.end_date))}` : "renewed the contract";
    case "contract.expired":
      return "let the contract expire at the end of its term";
    case "termination.requested":
    case "termination.scheduled":
      return `requested termination (${reason.toLowerCase()}), effective ${day(t.effective_date)}${entry.action === "termination.scheduled" ? "; no approval was needed, so notice was given" : ""}`;
    case "termination.approval_recorded":
      return `approved the termination; it waits for another approval${quoted(lastDecision?.comment)}`;
    case "termination.approved":
      return `approved the termination, effective ${day(t.effective_date)}${quoted(lastDecision?.comment)}`;
    case "termination.rejected":
      return `rejected the termination${quoted(lastDecision?.comment)}`;
    case "termination.withdrawn":
      return "withdrew the termination request";
    case "termination.completed":
      return `ended the contract on ${day(t.effective_date)}`;
    case "file.upload_granted":
      return `started uploading ${fileName(entry, names)}`;
    case "file.available":
      return `checked ${fileName(entry, names)} and accepted it`;
    case "file.rejected":
      return `refused ${fileName(entry, names)}: it is not what was announced`;
    case "file.generated":
      return `wrote ${fileName(entry, names)}`;
    case "file.deleted":
      return `deleted ${fileName(entry, names)}`;
    case "file.archived":
      return `archived ${fileName(entry, names)} with the ended contract`;
    case "file.withdrawn":
      return `withdrew ${fileName(entry, names)} with the deleted contract`;
    case "file.returned":
      return `returned ${fileName(entry, names)} with the restored contract`;
    default:
      return words(entry.action.replace(/\./g, " "));
  }
}

/** Who did it: a person by name, or the system for its own jobs (`system:…`). */
const who = (entry: Actor) => (entry.actor.startsWith("system:") ? "TESTEX" : nameOf(entry));

/** How each notice reads on the timeline. */
const NOTICES: Record<string, string> = {
  "termination-notice": "Notice of termination",
  "termination-withdrawn": "Withdrawal of the notice of termination",
  "termination-confirmation": "Confirmation that the contract ended",
  "approval-request": "Request for approval",
  "termination-decision": "The decision",
  "status-update": "Status update",
  "end-date-reminder": "Deadline reminder",
  "contract-renewed": "Notice of renewal",
  "contract-expired": "Notice of expiry",
  "system-alert": "System alert",
};

interface Notice {
  notification_id: string;
  template: string;
  to: string[];
  status: string;
  delivery_status?: string;
  created_at: string;
  sent_at?: string;
}

export const noticeSentence = (notice: Notice) =>
  `${NOTICES[notice.template] ?? words(notice.template.replace(/-/g, "_"))} e-mailed to ${notice.to.join(", ")}, ${words(notice.delivery_status ?? notice.status)}`;

/** The contract's audit trail and the notices sent about it, newest first, as sentences people read. */
export function Timeline({ contractId }: { contractId: string }) {
  const trail = useTrail(contractId);
  const notices = useQuery(contractQueries.notices(contractId));
  const files = useQuery(contractQueries.files(contractId));
  const reasons = useQuery(terminations.reasons());
  if (trail.error) return <ErrorMessage error={trail.error} />;
  if (!trail.data) return <Loading what="the timeline" />;
  const known: Names = {
    files: new Map((files.data?.items ?? []).map((file) => [file.file_id, file.filename])),
    reasons: new Map((reasons.data?.items ?? []).map((reason) => [reason.code, reason.label])),
  };
  const items = [
    ...trail.data.items.map((entry) => ({
      key: entry.audit_id,
      at: entry.at,
      who: who(entry),
      text: sentence(entry, known),
      diff: changes(entry.action, entry.before as Snapshot, entry.after as Snapshot),
    })),
    ...(notices.data?.items ?? []).map((notice) => ({
      key: notice.notification_id,
      at: notice.sent_at ?? notice.created_at,
      who: undefined,
      text: noticeSentence(notice),
      diff: [] as string[],
    })),
  ].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <ol className="timeline" aria-label="Timeline, newest first">
      {items.map((item) => (
        <li key={item.key}>
          <p>
            {item.who && <strong>{item.who}</strong>} {item.text}{" "}
            <time className="muted" dateTime={item.at}>
              ({moment(item.at)})
            </time>
          </p>
          {item.diff.length > 0 && (
            <ul>
              {item.diff.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}
