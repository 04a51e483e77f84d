import { consoleUrl, settings } from "../config";
import { ContractEntity } from "../contract/entity";
import { enqueue, type EnqueueInput } from "../notification/enqueue";
import { addDays, daysBetween, today as todayUtc } from "../dates";
import { RUNNING_STATUSES, type Stored as Contract } from "../contract";
import { DEFAULT_RENEWAL, noticeDeadline } from "../contract/term";

/**
 * Days before a due date on which a reminder goes out. They repeat, closer
 * and closer, until someone acts: renewing moves the dates, giving notice
 * (a termination request) or letting the contract end takes it out of the
 * running contracts, and changing its term changes the dates reminded of.
 */
export const REMINDER_DAYS = [0, 1, 3, 7, 14, 30, 60, 90] as const;
const WINDOW = REMINDER_DAYS.at(-1)!;

/**
 * The reminders due on `today` for one contract:
 * - NOTICE_DEADLINE, the last day notice can be given (AUTO: or it renews; NONE: to end it on time with its notice respected);
 * - END_DATE, for a contract that does not renew: it expires unless someone renews it.
 * Each is the nearest threshold already reached, so a day the job did not
 * run is caught up with one reminder, not several. Ids are deterministic: queued once.
 * They go to the contract's owner, or to the approvers for a contract with no owner on record.
 */
export function remindersFor(contract: Contract, today: string): EnqueueInput[] {
  const renewal = contract.renewal ?? DEFAULT_RENEWAL;
  if (!RUNNING_STATUSES.includes(contract.status) || renewal === "EVERGREEN") return [];
  const deadline = noticeDeadline({ ...contract, renewal })!;
  const dues = [
    ...(renewal === "AUTO" || contract.notice_period_days > 0 ? [{ kind: "NOTICE_DEADLINE" as const, due_date: deadline }] : []),
    ...(renewal === "NONE" ? [{ kind: "END_DATE" as const, due_date: contract.end_date }] : []),
  ];
  const to = contract.owner_email ? [contract.owner_email] : settings().approverEmails;
  return dues.flatMap(({ kind, due_date }) => {
    const days_left = daysBetween(today, due_date);
    const threshold = REMINDER_DAYS.find((days) => days_left >= 0 && days_left <= days);
    if (threshold === undefined) return [];
    return [
      {
        notification_id: `reminder.${contract.contract_id}.${kind}.${due_date}.${threshold}`,
        template: "end-date-reminder",
        to,
        contract_id: contract.contract_id,
        props: {
          contract_id: contract.contract_id,
          contract_title: contract.title,
          kind,
          due_date,
          days_left,
          end_date: contract.end_date,
          notice_period_days: contract.notice_period_days,
          renewal,
          ...(contract.renewal_term_months ? { renewal_term_months: contract.renewal_term_months } : {}),
          contract_url: `${consoleUrl()}/contracts/${contract.contract_id}`,
        },
      },
    ];
  });
}

type Page = { data: Contract[]; cursor: string | null };

async function forEachPage(read: (cursor: string | null) => Promise<Page>, each: (contract: Contract) => void): Promise<void> {
  let cursor: string | null = null;
  do {
    const page: Page = await read(cursor);
    page.data.forEach(each);
    cursor = page.cursor;
  } while (cursor);
}

/**
 * The daily job: Queries the running contracts whose notice deadline or end
 * date falls in the reminder window (the notice-deadline index, and status and
 * end date), and queues the reminders due on `today`. `dryRun` lists them
 * and queues nothing. Returns the reminders due, and how many were new.
 */
export async function sendReminders(today = todayUtc(), options: { dryRun?: boolean } = {}): Promise<{ due: EnqueueInput[]; queued: number }> {
  const last = addDays(today, WINDOW + 1);
  const due = new Map<string, EnqueueInput>();
  const collect = (contract: Contract) => remindersFor(contract, today).forEach((r) => due.set(r.notification_id, r));
  await forEachPage((cursor) => ContractEntity.query.byNoticeDeadline({}).between({ notice_deadline: today }, { notice_deadline: last }).go({ cursor, limit: 100 }), collect);
  for (const status of RUNNING_STATUSES as ("ACTIVE" | "SUSPENDED")[]) {
    // Also finds contracts written before the notice-deadline index existed, whose end is near.
    await forEachPage((cursor) => ContractEntity.query.byStatus({ status }).between({ end_date: today }, { end_date: last }).go({ cursor, limit: 100 }), collect);
  }
  let queued = 0;
  if (!options.dryRun) for (const reminder of due.values()) if (await enqueue(reminder)) queued++;
  return { due: [...due.values()], queued };
}
