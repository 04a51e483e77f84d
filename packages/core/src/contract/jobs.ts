/** The contract's scheduled jobs, as the schedule names them. */
export * as renewal from "./renewal";
export * as reminders from "./reminders";
