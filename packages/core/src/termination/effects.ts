import { createHash } from "node:crypto";
import { apiUrl, settings } from "../config";
import * as File from "../file";
import * as Notification from "../notification";
import { log } from "../log";
import { metric } from "../metric";
import type { Effect, Stored as OutboxEvent } from "../outbox";
import { writeBackup } from "./backup";

/** What the processor finds in a termination event's payload (written by `facts()` in ./index). */
interface Facts {
  contract: { contract_id: string; title: string; value?: number; currency?: string; status?: string };
  client?: { name: string; email: string } | null;
  termination?: { termination_id: string; status: string; reason: string; effective_date: string; notes?: string; decided_by?: string; decision_comment?: string };
  requester?: { id: string; email?: string };
  actor: { id: string; email?: string };
  contract_before?: { contract_id: string; version: number };
  contract_after?: { status: string };
}

/**
 * The notice id is derived from the event's origin, the template and the
 * recipient: enqueuing it again (a retry, a replay) finds it already there.
 */
export const noticeId = (originId: string, template: string, recipient: string) =>
  `NT${createHash("sha256").update(`${originId}\n${template}\n${recipient.toLowerCase()}`).digest("hex").slice(0, 32)}`;

/** One notice to one recipient, so each is delivered (and retried) on its own. */
function notice(event: OutboxEvent, template: string, to: string, props: Record<string, unknown>): Effect {
  const clean = Object.fromEntries(Object.entries(props).filter(([, value]) => value !== undefined));
  return {
    name: `notice:${template}:${to}`,
    run: async () => {
      await Notification.enqueue({ notification_id: noticeId(event.origin_id, template, to), template, to: [to], contract_id: event.contract_id, props: clean });
    },
  };
}

/**
 * Which effects each event has, in the order they run. Completion is the one
 * with real work (backup, archive, the notice to the client); the others queue notices.
 */
export function effectsOf(event: OutboxEvent): Effect[] {
  const facts = event.payload as Facts;
  const { contract, termination, requester } = facts;
  const base = { contract_id: contract.contract_id, contract_title: contract.title };
  const toRequester = (props: Record<string, unknown>, template = "status-update") =>
    requester?.email ? [notice(event, template, requester.email, { ...base, ...props })] : [];
  const decision = (decision: "APPROVED" | "REJECTED") =>
    toRequester({ decision, decided_by: termination?.decided_by, comment: termination?.decision_comment }, "termination-decision");

  switch (event.type) {
    case "termination.requested":
      return [
        ...settings().approverEmails.map((approver) =>
          notice(event, "approval-request", approver, {
            ...base,
            requested_by: requester?.id,
            reason: termination?.reason,
            value: contract.value,
            currency: contract.currency,
            effective_date: termination?.effective_date,
            approve_url: `${apiUrl()}/api/contracts/${contract.contract_id}/termination/approve`,
            reject_url: `${apiUrl()}/api/contracts/${contract.contract_id}/termination/reject`,
          }),
        ),
        ...toRequester({ status: "PENDING_TERMINATION", effective_date: termination?.effective_date, changed_by: facts.actor.id }),
      ];
    case "termination.scheduled":
      return toRequester({ status: "PENDING_TERMINATION", effective_date: termination?.effective_date, changed_by: facts.actor.id });
    case "termination.approved":
      return decision("APPROVED");
    case "termination.rejected":
      return decision("REJECTED");
    case "termination.withdrawn":
      return toRequester({ status: contract.status, changed_by: facts.actor.id });
    case "termination.completed":
      return [
        { name: "backup", run: async () => void (await writeBackup(facts.contract_before!, termination, event.origin_id)) },
        { name: "archive", run: () => File.archiveContract(contract.contract_id) },
        ...(facts.client
          ? [
              notice(event, "termination-notice", facts.client.email, {
                ...base,
                client_name: facts.client.name,
                reason: termination?.reason,
                effective_date: termination?.effective_date,
                notes: termination?.notes,
              }),
            ]
          : []),
        ...toRequester({ status: "TERMINATED", effective_date: termination?.effective_date, changed_by: facts.actor.id }),
      ];
    case "contract.suspended":
    case "contract.reinstated":
      return facts.actor.email ? [notice(event, "status-update", facts.actor.email, { ...base, status: contract.status, changed_by: facts.actor.id })] : [];
    default:
      return [];
  }
}

/**
 * An event gave up after its retries. If it owed a terminated contract's
 * backup, that backup does not exist: count it (the BackupFailed alarm) and
 * tell the operators, once per event (the notice id is derived from it).
 */
export async function onDead(event: OutboxEvent): Promise<void> {
  if (event.type !== "termination.completed" || (event.effects_done ?? []).includes("backup")) return;
  metric("BackupFailed");
  const operators = settings().operatorEmails;
  if (operators.length === 0) return void log.error("no operator address configured; failed backup not alerted", { event_id: event.event_id });
  await Notification.enqueue({
    notification_id: noticeId(event.origin_id, "system-alert", "backup-failed"),
    template: "system-alert",
    to: operators,
    contract_id: event.contract_id,
    props: {
      kind: "BACKUP_FAILED",
      summary: `The backup of terminated contract ${event.contract_id} failed after every retry.`,
      subject_id: event.event_id,
      contract_id: event.contract_id,
      error_code: (event.last_error ?? "unknown").split(":")[0]!.slice(0, 100),
      occurred_at: new Date().toISOString(),
      action: `Find the cause, then replay the event: POST /api/terminations/dead-events/${event.event_id}/replay`,
    },
  });
}
