import { moment, words } from "./format";
import { ErrorMessage, Loading } from "./status";
import { nameOf, useTrail } from "./trail";

/** What an action means to a reader: "termination.approved" → "approved the termination". */
const PHRASES: Record<string, string> = {
  "contract.created": "created the contract",
  "contract.updated": "changed the terms",
  "contract.deleted": "deleted the contract",
  "contract.restored": "restored the contract",
  "contract.suspended": "suspended the contract",
  "contract.reinstated": "reinstated the contract",
  "termination.requested": "requested termination",
  "termination.approved": "approved the termination",
  "termination.rejected": "rejected the termination",
  "termination.withdrawn": "withdrew the termination request",
  "termination.completed": "ended the contract",
};

/** Fields a person reads in a change; bookkeeping (versions, timestamps) is left out. */
const BOOKKEEPING = new Set(["version", "updated_at", "created_at"]);

type Snapshot = Record<string, unknown> | undefined;

function changes(before: Snapshot, after: Snapshot): { field: string; from: unknown; to: unknown }[] {
  if (!before || !after) return [];
  return Object.keys({ ...before, ...after })
    .filter((field) => !BOOKKEEPING.has(field) && !nested(before[field]) && !nested(after[field]))
    .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .map((field) => ({ field, from: before[field], to: after[field] }));
}

// A nested record (the termination inside a contract's change) has its own section on the page.
const nested = (value: unknown) => typeof value === "object" && value !== null;
const shown = (value: unknown) => (value === undefined || value === null ? "—" : String(value));

/** The contract's audit trail as sentences: who did what, when, and what changed. */
export function Timeline({ contractId }: { contractId: string }) {
  const trail = useTrail(contractId);
  if (trail.error) return <ErrorMessage error={trail.error} />;
  if (!trail.data) return <Loading what="the timeline" />;
  return (
    <ol className="timeline" aria-label="Timeline, newest first">
      {trail.data.items.map((entry) => {
        const diff = changes(entry.before as Snapshot, entry.after as Snapshot);
        return (
          <li key={entry.audit_id}>
            <p>
              <strong>{nameOf(entry)}</strong> {PHRASES[entry.action] ?? words(entry.action.replace(/\./g, " "))}{" "}
              <time dateTime={entry.at}>{moment(entry.at)}</time>
            </p>
            {diff.length > 0 && (
              <ul>
                {diff.map(({ field, from, to }) => (
                  <li key={field}>
                    {words(field)}: {shown(from)} → {shown(to)}
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ol>
  );
}
