/**
 * Every scheduled job, in the order they run: the scheduler (cron in AWS, a
 * timer locally) and `npm run jobs` run this one list. Dated jobs take the
 * day they run for, so any date can be tried; the others are safety nets
 * that work on the clock. Each is idempotent: running one more often than
 * needed only costs reads.
 */
import { reminders, renewal } from "./contract/jobs";
import * as File from "./file";
import * as Notification from "./notification";
import * as Outbox from "./outbox";
import * as Termination from "./termination";

export interface ScheduledJob {
  name: string;
  /** Runs the job as if today were `day` (dated jobs; the others ignore it). */
  run(day: string): Promise<unknown>;
  /** What the job would do on `day`, writing nothing; absent for the clock-driven safety nets. */
  plan?(day: string): Promise<unknown>;
}

async function dueTerminations(day: string) {
  const due: { termination_id: string; contract_id: string; effective_date: string }[] = [];
  let cursor: string | undefined;
  do {
    const page = await Termination.list({ status: "SCHEDULED", effective_before: day, limit: "100", cursor });
    due.push(...page.items.map(({ termination_id, contract_id, effective_date }) => ({ termination_id, contract_id, effective_date })));
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  return due;
}

export const JOBS: readonly ScheduledJob[] = [
  // Approved terminations whose effective date has come (first: a contract that ends is neither renewed nor reminded of).
  { name: "due terminations", run: (day) => Termination.completeDue(day), plan: dueTerminations },
  // Contracts past their end date: NONE expires, AUTO renews.
  {
    name: "expiries and renewals",
    run: async (day) => {
      const done = await renewal.settleDue(day);
      return { expired: done.filter((a) => a.action === "expire").length, renewed: done.filter((a) => a.action === "renew").length };
    },
    plan: (day) => renewal.settleDue(day, { dryRun: true }),
  },
  // Notice deadlines and end dates coming up, to the contract's owner.
  {
    name: "term reminders",
    run: async (day) => (await reminders.sendReminders(day)).queued,
    plan: async (day) => (await reminders.sendReminders(day, { dryRun: true })).due.map(({ contract_id, to, props }) => ({ contract_id, to, kind: props.kind, due_date: props.due_date, days_left: props.days_left })),
  },
  // Termination requests waiting too long for an approver.
  {
    name: "approval reminders",
    run: async (day) => (await Termination.remindApprovers(day)).reminded,
    plan: async (day) =>
      (await Termination.remindApprovers(day, { dryRun: true })).due.map(({ contract_id, to, props }) => ({ contract_id, to, waiting_days: props.waiting_days })),
  },
  // Outbox events whose stream delivery was lost.
  { name: "stale outbox events", run: () => Outbox.redriveStale() },
  // Uploads whose S3 event never arrived (or kept failing): checked now, or expired.
  { name: "pending uploads", run: () => File.reconcilePending() },
  // Notices recorded but never handed to the queue.
  { name: "unsent notices", run: () => Notification.sweep() },
];
