/**
 * Calendar days as `YYYY-MM-DD` in UTC, the one zone every date here is
 * counted in: effective dates, end dates, deadlines, the day a job runs for.
 */
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
