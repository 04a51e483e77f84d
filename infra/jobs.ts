import { allowSelfInvoke, deleteObjects, listGroupMembers, readObjects, readWriteItems, scanTable, sendMessages, writeObjects } from "./access";
import { userPoolArn } from "./auth";
import { lambda } from "./function";
import { notificationQueue } from "./queue";
import { webLink } from "./router";
import { settings } from "./settings";
import { archives, backups, files, table } from "./storage";

/** Completes terminations that fell due and queues end-date reminders. */
export const scheduler = new sst.aws.CronV2("Scheduler", {
  schedule: "rate(1 hour)",
  function: lambda({
    handler: "packages/functions/src/scheduler.handler",
    description: "Due terminations and end-date reminders",
    memory: "256 MB",
    timeout: "300 seconds",
    // Web: approval reminders link to the console. Backups: a late upload checked here on a terminated
    // contract is archived at once, and an important one backed up, as the file handler does.
    link: [table, notificationQueue, settings, files, archives, backups, webLink],
    // Files: pending uploads whose S3 event was lost are checked (read) or removed (delete) here;
    // Archives: one that lands after its contract was deleted is withdrawn there.
    permissions: [
      readWriteItems(table),
      sendMessages(notificationQueue),
      readObjects(files),
      deleteObjects(files),
      readObjects(archives),
      writeObjects(archives),
      writeObjects(backups),
      // Approval reminders go to each approver by name, read from the stage's user pool.
      listGroupMembers(userPoolArn),
    ],
  }),
});

/** Exports the table to the backups bucket every night. */
export const databaseManager = new sst.aws.CronV2("DatabaseManager", {
  schedule: "cron(0 3 * * ? *)",
  function: lambda({
    handler: "packages/functions/src/db-manager.handler",
    description: "Daily table export to the backups bucket",
    // A full export peaks at ≈250 MB (gzip buffers per part; see the benchmarks).
    memory: "512 MB",
    timeout: "300 seconds",
    link: [table, backups],
    // The export only reads the table, by a parallel Scan: it may not write or delete an item.
    permissions: [
      scanTable(table),
      readObjects(backups),
      writeObjects(backups),
      // The export's checkpoint is removed when the export completes.
      deleteObjects(backups),
    ],
  }),
});
allowSelfInvoke("DatabaseManager", databaseManager.nodes.function);
