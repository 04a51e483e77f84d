const dates = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const moments = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });

export const day = (iso: string | undefined) => (iso ? dates.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`)) : "—");
export const moment = (iso: string | undefined) => (iso ? moments.format(new Date(iso)) : "—");

export const money = (value: number | string, currency: string) =>
  new Intl.NumberFormat("en-GB", { style: "currency", currency }).format(Number(value));

/** "3 days", "5 hours": how long something has waited. */
export function age(iso: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.round((now - new Date(iso).getTime()) / 60_000));
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? "" : "s"}`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} hour${hours === 1 ? "" : "s"}`;
  const days = Math.round(hours / 24);
  return `${days} days`;
}

/** Today as YYYY-MM-DD in UTC, the calendar the API's dates use. */
export const today = () => new Date().toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** SCREAMING_CASE to words: PENDING_APPROVAL → "pending approval". */
export const words = (code: string) => code.toLowerCase().replace(/_/g, " ");
