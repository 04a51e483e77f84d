/**
 * What each termination event causes, in the order it runs. Each event's
 * payload is parsed with its schema (./events); the client is read as it was
 * when the event was written, so every notice reaches the client the decision
 * was made about.
 */
import * as Client from "../client";
import { settings } from "../config";
import * as File from "../file";
import { log } from "../log";
import { metric } from "../metric";
import * as Notification from "../notification";
import { noticeEffect, noticeTo } from "../notification/effect";
import type { Effect, Stored as OutboxEvent } from "../outbox";
import { writeBackup } from "./backup";
import { EVENTS, parsePayload, type TerminationFacts } from "./events";
import { approversOf, forApprover } from "./approvers";
import { approvalRequestProps } from "./jobs";
import { letterFileId, letterFilename, letterProps, type LetterRenderer } from "./letter";

export interface Dependencies {
  /** Renders the termination letter; the processor passes the one from packages/emails. */
  renderLetter?: LetterRenderer;
}

interface Person {
  id: string;
  email?: string;
  name?: string;
}

/** How a notice names a person: subject ids are opaque, so their name, else their address. */
const nameOf = (person: Person) => person.name ?? person.email ?? person.id;

type ClientThen = { name: string; email: string; address?: string } | null;

export function terminationEffects(event: OutboxEvent, deps: Dependencies = {}): Effect[] {
  const facts = parsePayload(event.type, event.payload);
  const { contract, termination, requester } = facts;
  const base = { contract_id: contract.contract_id, contract_title: contract.title };
  let read: Promise<ClientThen> | undefined;
  // Read once per run, whichever effect asks first.
  const client = (): Promise<ClientThen> =>
    (read ??= facts.client !== undefined || !contract.client_id ? Promise.resolve(facts.client ?? null) : Client.asOf(contract.client_id, event.created_at));

  const toRequester = (props: Record<string, unknown>, template = "status-update") =>
    requester?.email ? [noticeTo(event, template, requester.email, { ...base, ...props })] : [];
  const decision = (outcome: "APPROVED" | "REJECTED") => {
    const last = termination.decisions.at(-1);
    return toRequester({ decision: outcome, decided_by: last ? (last.name ?? last.by) : nameOf(facts.actor), comment: last?.comment }, "termination-decision");
  };
  const toClient = (template: string, props: (client: NonNullable<ClientThen>) => Record<string, unknown>, attachments?: string[]) =>
    noticeEffect(event, template, "client", async () => {
      const then = await client();
      return then && { to: then.email, props: { ...base, client_name: then.name, ...props(then) }, ...(attachments ? { attachments } : {}) };
    });

  /** The date is fixed: the letter is written and the client given notice, with the letter attached. */
  const giveNotice = (): Effect[] => [
    {
      name: "letter",
      run: async () => {
        const then = await client();
        if (!then) return;
        if (!deps.renderLetter) throw new Error("No letter renderer: the processor must pass one");
        const bytes = await deps.renderLetter(letterProps(facts, then, event.created_at));
        await File.storeGenerated({
          contract_id: contract.contract_id,
          file_id: letterFileId(termination.termination_id),
          filename: letterFilename(contract.contract_id),
          content_type: "application/pdf",
          kind: "termination_letter",
          bytes,
        });
      },
    },
    toClient(
      "termination-notice",
      () => ({
        reason: termination.reason_label,
        effective_date: termination.effective_date,
        notice_basis: termination.notice_basis,
        notice_period_days: contract.notice_period_days,
        client_message: termination.client_message,
      }),
      [letterFileId(termination.termination_id)],
    ),
  ];

  switch (event.type) {
    case EVENTS.requested:
      return [
        ...approversOf({ requested_by: requester?.id, requested_by_email: requester?.email }).map((approver) =>
          noticeTo(event, "approval-request", approver.email, forApprover(approvalRequestProps(contract, { ...termination, requested_by: requester ? nameOf(requester) : "" }), approver)),
        ),
        ...toRequester({ status: "PENDING_TERMINATION", effective_date: termination.effective_date, changed_by: nameOf(facts.actor) }),
      ];
    case EVENTS.scheduled:
      return [...giveNotice(), ...toRequester({ status: "PENDING_TERMINATION", effective_date: termination.effective_date, changed_by: nameOf(facts.actor) })];
    case EVENTS.approved:
      return [...giveNotice(), ...decision("APPROVED")];
    case EVENTS.rejected:
      return decision("REJECTED");
    case EVENTS.withdrawn:
      return [
        // A client who was given notice is told it no longer stands.
        ...(noticeWasGiven(facts) ? [toClient("termination-withdrawn", () => ({ effective_date: termination.effective_date }))] : []),
        ...toRequester({ status: contract.status, changed_by: nameOf(facts.actor) }),
      ];
    case EVENTS.completed:
      return [
        { name: "backup", run: async () => void (await writeBackup(facts.contract_before!, termination, event.origin_id)) },
        { name: "archive", run: () => File.archiveContract(contract.contract_id) },
        completedNotice(facts, toClient),
        ...toRequester({ status: "TERMINATED", effective_date: termination.effective_date, changed_by: nameOf(facts.actor) }),
      ];
    default:
      return [];
  }
}

/** Whether the date had been fixed (and the client told) before this event: every approval it needed was given. */
const noticeWasGiven = ({ termination }: TerminationFacts) =>
  termination.approvals_required !== undefined &&
  termination.decisions.filter((d) => d.outcome === "APPROVED").length >= termination.approvals_required;

/**
 * On completion the client gets a confirmation. Events written before notices
 * went out at decision time (version 1, client fixed in the event) still end
 * with the notice itself, as they did.
 */
function completedNotice(facts: TerminationFacts, toClient: (template: string, props: () => Record<string, unknown>) => Effect): Effect {
  const { termination } = facts;
  if (facts.client !== undefined) return toClient("termination-notice", () => ({ reason: termination.reason_label, effective_date: termination.effective_date }));
  return toClient("termination-confirmation", () => ({ reason: termination.reason_label, effective_date: termination.effective_date }));
}

/**
 * An event gave up after its retries. If it owed a terminated contract's
 * backup, that backup does not exist: count it (the BackupFailed alarm) and
 * tell the operators, once per event (the notice id is derived from it).
 */
export async function onDead(event: OutboxEvent): Promise<void> {
  if (event.type !== EVENTS.completed || (event.effects_done ?? []).includes("backup")) return;
  metric("BackupFailed");
  const operators = settings().operatorEmails;
  if (operators.length === 0) return void log.error("no operator address configured; failed backup not alerted", { event_id: event.event_id });
  await Notification.enqueue({
    notification_id: Notification.noticeId(event.origin_id, "system-alert", "backup-failed"),
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
