import type { Stored as Contract } from "../contract";
import { settings } from "../config";
import { db } from "../db/service";
import { enqueue, type EnqueueInput } from "./enqueue";

/** Days before a due date at which someone is reminded, nearest first. */
export const REMINDER_DAYS = [7, 30, 90] as const;

/** Contracts that can still end or be given notice on; terminating ones are being handled. */
const WATCHED_STATUSES = ["ACTIVE", "SUSPENDED"] as const;

const DAY_MS = 86_400_000;
const toDay = (date: string) => Date.parse(`${date}T00:00:00Z`);
const addDays = (date: string, days: number) => new Date(toDay(date) + days * DAY_MS).toISOString().slice(0, 10);

/**
 * The reminders due today for one contract: ahead of its end date and of the
 * last day notice can be given (end date − notice period). Each is the
 * nearest threshold already reached, so a day the job did not run is caught
 * up with one reminder, not three. Ids are deterministic: queued once.
 */
export function remindersFor(contract: Contract, today: string): EnqueueInput[] {
  const dues = [
    { kind: "END_DATE" as const, due_date: contract.end_date },
    ...(contract.notice_period_days > 0
      ? [{ kind: "NOTICE_DEADLINE" as const, due_date: addDays(contract.end_date, -contract.notice_period_days) }]
      : []),
  ];
  return dues.flatMap(({ kind, due_date }) => {
    const days_left = Math.round((toDay(due_date) - toDay(today)) / DAY_MS);
    const threshold = REMINDER_DAYS.find((days) => days_left >= 0 && days_left <= days);
    if (threshold === undefined) return [];
    return [
      {
        notification_id: `reminder.${contract.contract_id}.${kind}.${due_date}.${threshold}`,
        template: "end-date-reminder",
        to: settings().approverEmails,
        contract_id: contract.contract_id,
        props: {
          contract_id: contract.contract_id,
          contract_title: contract.title,
          kind,
          due_date,
          days_left,
          end_date: contract.end_date,
          notice_period_days: contract.notice_period_days,
        },
      },
    ];
  });
}

/**
 * The daily job: Queries the contracts that have not ended yet, by status and
 * end date, and queues the reminders due. Returns how many it queued.
 */
export async function sendReminders(today = new Date().toISOString().slice(0, 10)): Promise<number> {
  let queued = 0;
  for (const status of WATCHED_STATUSES) {
    let cursor: string | null = null;
    do {
      const page: { data: Contract[]; cursor: string | null } = await db.entities.contract.query
        .byStatus({ status })
        .gte({ end_date: today })
        .go({ cursor, limit: 100 });
      for (const contract of page.data) {
        for (const reminder of remindersFor(contract, today)) if (await enqueue(reminder)) queued++;
      }
      cursor = page.cursor;
    } while (cursor);
  }
  return queued;
}
