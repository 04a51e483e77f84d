import { deleteObjects, listGroupMembers, readObjects, readWriteItems, sendEmail, sendMessages, writeObjects } from "./access";
import { userPoolArn } from "./auth";
import { configurationSet, email, identityArn, mailEvents } from "./email";
import { NOTICE_QUEUE, STREAM_SUBSCRIPTION } from "@testex/stage/event-sources";
import { lambda } from "./function";
import { mailEventFailures, notificationQueue, outboxFailures } from "./queue";
import { config, settings } from "./settings";
import { webLink } from "./router";
import { archives, backups, files, table } from "./storage";
import { webhookQueue } from "./webhooks";

/**
 * The contract processor reacts to outbox records written in the same
 * transaction as a state change, and only to those: the filter runs in
 * Lambda's event source mapping, so other writes never invoke it.
 * `__edb_e__` is the entity name ElectroDB stores on every item.
 */
const OUTBOX_FILTER = { eventName: ["INSERT"], dynamodb: { NewImage: { __edb_e__: { S: ["outbox"] } } } };

/**
 * For a function that renders the termination letter: its PDF library reads its standard fonts through a
 * runtime require that a bundle cannot follow, and a letter beyond Western European text reads Noto subsets
 * from disk, so they are installed beside the bundle instead (read only when a letter is rendered, and only
 * the subsets its text needs).
 */
const LETTER_RENDERER: sst.aws.FunctionArgs["nodejs"] = { install: ["pdfkit", "@fontsource/noto-sans", "@fontsource/noto-sans-jp"] };

export const processor = table.subscribe(
  "ContractProcessor",
  lambda({
    handler: "packages/functions/src/processor.handler",
    description: "Backs up, archives and notifies for each outbox record",
    memory: "512 MB",
    timeout: "60 seconds",
    // The console's URL: notices link people to its pages. The webhook queue: each event's deliveries are queued by its fan-out effect.
    link: [table, backups, files, archives, notificationQueue, webhookQueue, settings, webLink],
    // It writes the termination letter.
    nodejs: LETTER_RENDERER,
    permissions: [
      readWriteItems(table),
      writeObjects(backups),
      readObjects(files),
      // The termination letter is written to the files bucket (and backed up), and checked as an upload is,
      // which removes an object that fails the check. A deleted contract's documents leave it, and come back when it is restored.
      writeObjects(files),
      deleteObjects(files),
      readObjects(archives),
      writeObjects(archives),
      sendMessages(notificationQueue),
      // A termination request is sent to each approver by name, read from the stage's user pool.
      listGroupMembers(userPoolArn),
      sendMessages(webhookQueue),
      // Lambda sends the on-failure record with the function's own role.
      sendMessages(outboxFailures),
    ],
  }),
  {
    filters: [OUTBOX_FILTER],
    transform: {
      eventSourceMapping: {
        startingPosition: "TRIM_HORIZON",
        ...STREAM_SUBSCRIPTION,
        functionResponseTypes: ["ReportBatchItemFailures"],
        destinationConfig: { onFailure: { destinationArn: outboxFailures.arn } },
      },
    },
  },
);

/** Checks and records each uploaded document. */
export const fileHandler = files.notify({
  notifications: [
    {
      name: "FileHandler",
      events: ["s3:ObjectCreated:*"],
      function: lambda({
        handler: "packages/functions/src/file-handler.handler",
        description: "Verifies, records, archives and backs up contract documents",
        memory: "1024 MB",
        timeout: "120 seconds",
        link: [table, files, archives, backups, settings],
        permissions: [
          readWriteItems(table),
          readObjects(files),
          deleteObjects(files),
          readObjects(archives),
          writeObjects(archives),
          writeObjects(backups),
        ],
      }),
    },
  ],
});

/** Sends queued notices; a failed message goes back to the queue alone (partial batch response). */
export const notifier = notificationQueue.subscribe(
  lambda({
    handler: "packages/functions/src/notifier.handler",
    description: "Renders and sends notices through SES",
    memory: "512 MB",
    timeout: `${NOTICE_QUEUE.consumerTimeoutSeconds} seconds`,
    // Files: a notice may carry the contract's termination letter as an attachment.
    link: [table, email, notificationQueue, settings, files],
    // An approval request carries the letter's preview, rendered as it is sent.
    nodejs: LETTER_RENDERER,
    // A notice that dies queues a system alert, so the worker also sends.
    permissions: [
      readWriteItems(table),
      sendEmail({ identityArn, configurationSet }, config.mail.sandbox),
      sendMessages(notificationQueue),
      readObjects(files),
    ],
  }),
  { batch: { size: NOTICE_QUEUE.batchSize, partialResponses: true } },
);

/** Records SES's delivery, bounce and complaint events on the notices they are about. */
export const deliveryRecorder = mailEvents.subscribe(
  "DeliveryRecorder",
  lambda({
    handler: "packages/functions/src/delivery-recorder.handler",
    description: "Records each notice's delivery, bounce or complaint as SES reports it",
    memory: "256 MB",
    timeout: "30 seconds",
    link: [table],
    permissions: [readWriteItems(table)],
    onFailure: mailEventFailures,
  }),
);
