import { Notification, systemActor, withContext } from "@testex/core";
import { randomUUID } from "node:crypto";

/** The scheduled jobs. Each is idempotent, so running them more often than daily only costs reads. */
export const handler = async (_event: unknown): Promise<void> => {
  await withContext({ actor: systemActor("scheduler"), requestId: randomUUID() }, async () => {
    await Notification.sweep();
    await Notification.sendReminders();
  });
};
