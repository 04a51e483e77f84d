import { File, Notification, Outbox, Termination, describeError, log, systemActor, withContext } from "@testex/core";
import { randomUUID } from "node:crypto";

/**
 * The scheduled jobs (cron in AWS, a timer locally). Each is idempotent, so
 * running them more often than needed only costs reads; each runs whatever
 * another one did, and a failure is reported after all have had their turn.
 */
const JOBS: Record<string, () => Promise<unknown>> = {
  // Approved terminations whose effective date has come.
  "due terminations": () => Termination.completeDue(),
  // Outbox events whose stream delivery was lost.
  "stale outbox events": () => Outbox.redriveStale(),
  // Uploads whose S3 event never arrived (or kept failing): checked now, or expired.
  "pending uploads": () => File.reconcilePending(),
  // Notices recorded but never handed to the queue.
  "unsent notices": () => Notification.sweep(),
  "end-date reminders": () => Notification.sendReminders(),
  // Termination requests waiting too long for an approver.
  "approval reminders": () => Termination.remindApprovers(),
};

export const handler = async (_event?: unknown): Promise<Record<string, unknown>> =>
  withContext({ actor: systemActor("scheduler"), requestId: randomUUID() }, async () => {
    const results: Record<string, unknown> = {};
    const failures: unknown[] = [];
    for (const [name, job] of Object.entries(JOBS)) {
      try {
        results[name] = await job();
      } catch (error) {
        failures.push(error);
        log.error(`scheduled job failed: ${name}`, describeError(error));
      }
    }
    log.info("scheduled jobs", results);
    if (failures.length) throw new AggregateError(failures, `${failures.length} scheduled job(s) failed`);
    return results;
  });
