/**
 * A contract's term over time: renewals (by hand, or by the scheduler for AUTO
 * contracts), expiry, the reminders of deadlines coming up, and the calendar
 * every date here is counted in. The whole public face, exported once as `Term`.
 */
export { renew, settle, settleDue, RenewInput, type TermAction } from "./renewal";
export { remindersFor, sendReminders } from "./reminders";
export { today, addDays, addMonths, daysBetween } from "../dates";
