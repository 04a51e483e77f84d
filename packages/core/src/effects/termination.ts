/**
 * What each termination event causes, in the order it runs. Each payload is
 * read through its event's definition; the client is read as it was when the
 * event was written, so every notice reaches the client the decision was
 * made about.
 */
import * as Client from "../client";
import { settings } from "../config";
import * as File from "../file";
import { log } from "../log";
import { metric } from "../metric";
import * as Notification from "../notification";
import { noticeEffect, noticeTo, type NoticeProps } from "../notification/effect";
import type { Effect, Stored as OutboxEvent } from "../outbox";
import { writeBackup } from "../termination/backup";
import { Events, type TerminationFacts } from "../termination/events";
import { approversOf, forApprover, letterPreviewFor } from "../termination/approvers";
import { approvalRequestProps } from "../termination/jobs";
import { letterFileId, letterFilename, letterProps } from "../termination/letter";
import { subscribe, whenDead, type Dependencies } from "./registry";

interface Person {
  id: string;
  email?: string;
  name?: string;
}

/** How a notice names a person: subject ids are opaque, so their name, else their address. */
const nameOf = (person: Person) => person.name ?? person.email ?? person.id;

type ClientThen = { name: string; email: string; address?: string } | null;
type ClientTemplate = "termination-notice" | "termination-withdrawn" | "termination-confirmation";
/** A client notice's props besides the ones every client notice has. */
type ClientProps<T extends ClientTemplate> = Omit<NoticeProps<T>, "contract_id" | "contract_title" | "client_name">;

/** The notices and documents one termination event can cause, for its handler to pick from. */
function effectsFor(facts: TerminationFacts, event: OutboxEvent, deps: Dependencies) {
  const { contract, termination, requester } = facts;
  const base = { contract_id: contract.contract_id, contract_title: contract.title };
  const about = { termination_id: termination.termination_id };
  let read: Promise<ClientThen> | undefined;
  // Read once per run, whichever effect asks first.
  const client = (): Promise<ClientThen> =>
    (read ??= facts.client !== undefined || !contract.client_id ? Promise.resolve(facts.client ?? null) : Client.asOf(contract.client_id, event.created_at));

  const status = (props: Omit<NoticeProps<"status-update">, "contract_id" | "contract_title">) =>
    requester?.email ? [noticeTo(event, "status-update", requester.email, { ...base, ...props }, about)] : [];
  const decision = (outcome: "APPROVED" | "REJECTED") => {
    const last = termination.decisions.at(-1);
    const props = { ...base, decision: outcome, decided_by: last ? (last.name ?? last.by) : nameOf(facts.actor), comment: last?.comment };
    return requester?.email ? [noticeTo(event, "termination-decision", requester.email, props, about)] : [];
  };
  const toClient = <T extends ClientTemplate>(template: T, props: ClientProps<T>, attachments?: string[]) =>
    noticeEffect(event, template, "client", async () => {
      const then = await client();
      return then && { to: then.email, props: { ...base, client_name: then.name, ...props }, ...about, ...(attachments ? { attachments } : {}) };
    });
  const dated = { reason: termination.reason_label, effective_date: termination.effective_date };

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
      { ...dated, notice_basis: termination.notice_basis, notice_period_days: contract.notice_period_days, client_message: termination.client_message },
      [letterFileId(termination.termination_id)],
    ),
  ];

  /**
   * On completion the client gets a confirmation. Events written before
   * notices went out at decision time (version 1, client fixed in the event)
   * still end with the notice itself, as they did.
   */
  const completedNotice = () => (facts.client !== undefined ? toClient("termination-notice", dated) : toClient("termination-confirmation", dated));

  return { status, decision, toClient, giveNotice, completedNotice };
}

/** Whether the date had been fixed (and the client told) before this event: every approval it needed was given. */
const noticeWasGiven = ({ termination }: TerminationFacts) =>
  termination.approvals_required !== undefined &&
  termination.decisions.filter((d) => d.outcome === "APPROVED").length >= termination.approvals_required;

/** Registers `plan` for `event`, given the termination's facts whatever version was written. */
const on = (event: (typeof Events)[keyof typeof Events], plan: (facts: TerminationFacts, effects: ReturnType<typeof effectsFor>, event: OutboxEvent) => Effect[]) =>
  subscribe(event, (facts: TerminationFacts, stored, deps) => plan(facts, effectsFor(facts, stored, deps), stored));

/**
 * Each person who may decide, by name, as the stage's directory lists them
 * when this runs; the group address only when nobody can be named. One notice
 * each (its id derived from the address), so a retry queues none twice.
 */
const askApprovers = (facts: TerminationFacts, event: OutboxEvent): Effect => ({
  name: "notice:approval-request:approvers",
  run: async () => {
    const { value, currency } = facts.contract;
    // Written before events carried the contract's value (version 1): the approvers cannot be shown what is at stake.
    if (value === undefined || currency === undefined) throw new Error(`${event.type} ${event.event_id} carries no contract value for the approvers`);
    const requested_by = facts.requester ? nameOf(facts.requester) : "";
    const props = approvalRequestProps({ ...facts.contract, value, currency }, { ...facts.termination, requested_by });
    for (const approver of await approversOf({ requested_by: facts.requester?.id, requested_by_email: facts.requester?.email })) {
      await noticeEffect(event, "approval-request", approver.email, async () => ({
        to: approver.email,
        props: forApprover(props, approver),
        letter_preview: letterPreviewFor(approver),
        termination_id: facts.termination.termination_id,
      })).run();
    }
  },
});

on(Events.Requested, (facts, { status }, event) => [
  askApprovers(facts, event),
  ...status({ status: "PENDING_TERMINATION", effective_date: facts.termination.effective_date, changed_by: nameOf(facts.actor) }),
]);

on(Events.Scheduled, (facts, { giveNotice, status }) => [
  ...giveNotice(),
  ...status({ status: "PENDING_TERMINATION", effective_date: facts.termination.effective_date, changed_by: nameOf(facts.actor) }),
]);

on(Events.Approved, (_facts, { giveNotice, decision }) => [...giveNotice(), ...decision("APPROVED")]);

on(Events.Rejected, (_facts, { decision }) => decision("REJECTED"));

on(Events.Withdrawn, (facts, { toClient, status }) => [
  // A client who was given notice is told it no longer stands.
  ...(noticeWasGiven(facts) ? [toClient("termination-withdrawn", { effective_date: facts.termination.effective_date })] : []),
  ...status({ status: facts.contract.status, changed_by: nameOf(facts.actor) }),
]);

on(Events.Completed, (facts, { completedNotice, status }, event) => [
  { name: "backup", run: async () => void (await writeBackup(facts.contract_before!, facts.termination, event.origin_id)) },
  { name: "archive", run: () => File.archiveContract(facts.contract.contract_id) },
  completedNotice(),
  ...status({ status: "TERMINATED", effective_date: facts.termination.effective_date, changed_by: nameOf(facts.actor) }),
]);

/**
 * A completion gave up after its retries. If it owed the terminated
 * contract's backup, that backup does not exist: count it (the BackupFailed
 * alarm) and tell the operators, once per event (the notice id is derived from it).
 */
whenDead(Events.Completed, async (event) => {
  if ((event.effects_done ?? []).includes("backup")) return;
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
      action: `Find the cause, then replay the event: POST /api/admin/dead-events/${event.event_id}/replay`,
    },
  });
});
