/**
 * A contract's term as calendar arithmetic, pure: no clock, no table. Dates
 * are `YYYY-MM-DD` calendar days in UTC; an end date is the term's last day.
 */

/**
 * NONE: the contract expires after its end date unless someone renews it.
 * AUTO: it renews for `renewal_term_months` unless notice is given by the notice deadline.
 * EVERGREEN: it has no end date and runs until it is terminated with notice.
 */
export const RENEWALS = ["NONE", "AUTO", "EVERGREEN"] as const;
export type Renewal = (typeof RENEWALS)[number];

/** Contracts written before the term model have no `renewal`: they end at their end date, as they always said. */
export const DEFAULT_RENEWAL: Renewal = "NONE";

/**
 * Where an EVERGREEN contract sits in the end-date indexes: after every real
 * end date (the last representable day), so "ending before" never finds one.
 * The API shows no end date for it.
 */
export const OPEN_END = "9999-12-30";

export interface Term {
  renewal?: Renewal;
  end_date: string;
  notice_period_days: number;
}

const DAY_MS = 86_400_000;
const toTime = (date: string) => Date.parse(`${date}T00:00:00Z`);
const fromTime = (time: number) => new Date(time).toISOString().slice(0, 10);

/** Today in UTC, the zone every calendar day here is counted in. */
export const today = (now = new Date()) => fromTime(now.getTime());

export const addDays = (date: string, days: number) => fromTime(toTime(date) + days * DAY_MS);

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string) => Math.round((toTime(to) - toTime(from)) / DAY_MS);

const daysInMonth = (year: number, month0: number) => new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();

/**
 * The same day `months` later. A day the target month lacks becomes its last
 * day (31 January + 1 month = 28 or 29 February), and the last day of a month
 * stays the last day (28 February 2025 + 12 months = 29 February... only in
 * 2028; + 1 month = 31 March): a term that ends at a month's end keeps ending
 * at a month's end, however often it renews.
 */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const month0 = month - 1 + months;
  const targetYear = year + Math.floor(month0 / 12);
  const targetMonth0 = ((month0 % 12) + 12) % 12;
  const last = daysInMonth(targetYear, targetMonth0);
  const monthEnd = day === daysInMonth(year, month - 1);
  const targetDay = monthEnd ? last : Math.min(day, last);
  return fromTime(Date.UTC(targetYear, targetMonth0, targetDay));
}

export const isOpenEnded = (term: Pick<Term, "renewal">) => term.renewal === "EVERGREEN";

/**
 * The last day notice can be given so that the contract ends at its end date
 * with its whole notice period respected: for AUTO, the day after which it
 * renews anyway; for NONE, the day after which a decision to renew or let it
 * end can no longer be announced in time. An EVERGREEN contract has none: it
 * ends whenever notice is given, a notice period later.
 */
export function noticeDeadline(term: Term): string | undefined {
  if (isOpenEnded(term)) return undefined;
  return addDays(term.end_date, -term.notice_period_days);
}

/** What the calendar asks of a running contract on `day`: nothing, expire it, or renew it (once per term it owes). */
export type Due = { kind: "none" } | { kind: "expire" } | { kind: "renew"; ends: string[] };

/**
 * On `day`, a term whose last day has passed expires (NONE) or renews (AUTO)
 * as many times as it takes to cover `day`: a scheduler that missed days
 * catches up one term at a time, each term its own renewal.
 */
export function dueOn(term: Term & { renewal_term_months?: number }, day: string): Due {
  const renewal = term.renewal ?? DEFAULT_RENEWAL;
  if (renewal === "EVERGREEN" || term.end_date >= day) return { kind: "none" };
  if (renewal === "NONE" || !term.renewal_term_months) return { kind: "expire" };
  const ends: string[] = [];
  let end = term.end_date;
  while (end < day) ends.push((end = addMonths(end, term.renewal_term_months)));
  return { kind: "renew", ends };
}
