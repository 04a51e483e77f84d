/**
 * A contract's term as calendar arithmetic, pure: no clock, no table. Dates
 * are `YYYY-MM-DD` calendar days in UTC; an end date is the term's last day.
 */
import { addDays, addMonths } from "../dates";

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
