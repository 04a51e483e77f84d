import { Notification, Termination, log, systemActor, withContext } from "@testex/core";
import { randomUUID } from "node:crypto";

/**
 * The scheduled jobs (cron in AWS, a timer locally). Each is idempotent, so
 * running them more often than needed only costs reads.
 */
export const handler = async (_event?: unknown): Promise<{ completed: number; skipped: number }> =>
  withContext({ actor: systemActor("scheduler"), requestId: randomUUID() }, async () => {
    // Approved terminations whose effective date has come.
    const terminations = await Termination.completeDue();
    log.info("scheduled terminations", terminations);
    // Notices recorded but never handed to the queue, then the end-date reminders.
    await Notification.sweep();
    await Notification.sendReminders();
    return terminations;
  });
