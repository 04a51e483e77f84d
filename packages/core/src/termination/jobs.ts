/** The scheduler's termination jobs: complete what is due, remind approvers of what waits. */
import { settings } from "../config";
import * as Contract from "../contract";
import { TerminationEntity } from "./entity";
import { DomainError } from "../error";
import { describeError, log } from "../log";
import { metric } from "../metric";
import * as Notification from "../notification";
import { approversOf, forApprover, letterPreviewFor } from "./approvers";
import { reviewUrl } from "../notification/links";
import { addDays, daysBetween, today } from "../dates";
import { labelOf } from "./policy";
import { decisionsOf, type Stored } from "./schemas";
import { commit, completion } from "./write";

/** Ends one scheduled termination whose day has come. */
async function completeScheduled(scheduled: Stored): Promise<void> {
  const contract = await Contract.load(scheduled.contract_id);
  const now = new Date().toISOString();
  const { done, after, step } = completion(contract, { ...scheduled, version: scheduled.version + 1, updated_at: now }, now);
  await commit({ before: contract, after, termination: done, terminationVersion: scheduled.version, steps: [step], moves: { contract: "complete", termination: "complete" } }, now);
  metric("TerminationCompleted");
}

type Pages = (cursor: string | null) => Promise<{ data: Stored[]; cursor: string | null }>;

/**
 * Runs `each` on every termination the pages hold. One refused with a domain
 * error (it changed meanwhile) is skipped; any other failure does not stop the
 * others, and fails the run at the end.
 */
async function forEach(pages: Pages, each: (t: Stored) => Promise<boolean>) {
  let done = 0;
  let skipped = 0;
  const failures: unknown[] = [];
  let cursor: string | null = null;
  do {
    const page = await pages(cursor);
    for (const termination of page.data) {
      try {
        if (await each(termination)) done++;
      } catch (error) {
        skipped++;
        if (error instanceof DomainError) {
          log.warn("termination job skipped one", { termination_id: termination.termination_id, code: error.code });
        } else {
          failures.push(error);
          log.error("termination job failed on one", { termination_id: termination.termination_id, ...describeError(error) });
        }
      }
    }
    cursor = page.cursor;
  } while (cursor);
  if (failures.length) throw new AggregateError(failures, `${failures.length} termination(s) failed; they are retried on the next run`);
  return { done, skipped };
}

/**
 * Completes every SCHEDULED termination effective on or before `day`. One
 * that changed meanwhile (withdrawn) is skipped; one that fails for another
 * reason does not stop the others, and fails the run at the end. Runs in the
 * caller's context (the scheduler's system actor).
 */
export async function completeDue(day = today()): Promise<{ completed: number; skipped: number }> {
  const { done, skipped } = await forEach(
    (cursor) => TerminationEntity.query.byStatus({ status: "SCHEDULED" }).lt({ effective_date: addDays(day, 1) }).go({ cursor, limit: 50 }),
    async (scheduled) => (await completeScheduled(scheduled), true),
  );
  return { completed: done, skipped };
}

/** The reminders one waiting request is due on `day`: one to each approver who has not yet approved. */
async function remindersOf(pending: Stored, day: string): Promise<Notification.EnqueueInput[]> {
  const every = Math.max(1, settings().approval.remindAfterDays);
  const waiting = daysBetween(pending.requested_at.slice(0, 10), day);
  if (waiting < every) return [];
  const decisions = decisionsOf(pending);
  const decided = (approver: { id?: string; email: string }) =>
    decisions.some((d) => (approver.id !== undefined && d.by === approver.id) || d.email?.toLowerCase() === approver.email.toLowerCase());
  const contract = await Contract.load(pending.contract_id);
  return (await approversOf(pending))
    .filter((approver) => !decided(approver))
    .map((approver) => ({
      notification_id: Notification.noticeId(`${pending.termination_id}:reminder:${Math.floor(waiting / every)}`, "approval-request", approver.email),
      template: "approval-request",
      to: [approver.email],
      contract_id: contract.contract_id,
      termination_id: pending.termination_id,
      props: forApprover({ ...approvalRequestProps(contract, pending), waiting_days: waiting }, approver),
      letter_preview: letterPreviewFor(approver),
    }));
}

/**
 * Reminds each approver who has not yet approved of every request waiting
 * longer than `settings().approval.remindAfterDays`, once per such period
 * (the notice id names the period, so a second run the same day sends nothing).
 * With `dryRun`, lists the reminders due and sends none.
 */
export async function remindApprovers(day = today(), options: { dryRun?: boolean } = {}): Promise<{ reminded: number; due: Notification.EnqueueInput[] }> {
  const due: Notification.EnqueueInput[] = [];
  const { done } = await forEach(
    (cursor) => TerminationEntity.query.byStatus({ status: "PENDING_APPROVAL" }).go({ cursor, limit: 50 }),
    async (pending) => {
      const reminders = await remindersOf(pending, day);
      due.push(...reminders);
      if (options.dryRun) return reminders.length > 0;
      let sent = false;
      for (const reminder of reminders) sent = (await Notification.enqueue(reminder)) || sent;
      return sent;
    },
  );
  return { reminded: done, due };
}

/** What an approver is shown of a request, in the request and in each reminder. */
export function approvalRequestProps(
  contract: { contract_id: string; title: string; value: number; currency: string; notice_period_days?: number },
  termination: {
    requested_by: string;
    requested_by_name?: string;
    reason: string;
    effective_date: string;
    client_message?: string;
    notice_basis?: string;
    approvals_required?: number;
    decisions?: readonly { outcome: string; by: string; name?: string; email?: string }[];
  },
) {
  // The full picture an approver decides on: what the client will read, why the date is what it is, who approved already.
  const approved = (termination.decisions ?? []).filter((d) => d.outcome === "APPROVED").map((d) => d.name ?? d.email ?? d.by);
  return {
    contract_id: contract.contract_id,
    contract_title: contract.title,
    requested_by: termination.requested_by_name ?? termination.requested_by,
    reason: labelOf(termination.reason),
    value: contract.value,
    currency: contract.currency,
    effective_date: termination.effective_date,
    ...(termination.client_message ? { client_message: termination.client_message } : {}),
    ...(termination.notice_basis ? { notice_basis: termination.notice_basis === "SHORT_NOTICE" ? ("SHORT_NOTICE" as const) : ("NOTICE_PERIOD" as const) } : {}),
    ...(contract.notice_period_days !== undefined ? { notice_period_days: contract.notice_period_days } : {}),
    ...(termination.approvals_required ? { approvals_required: termination.approvals_required, approved_by: approved } : {}),
    // The request's page in the console: signing in from the link lands there, and nothing changes on opening it.
    review_url: reviewUrl(contract.contract_id),
  };
}
