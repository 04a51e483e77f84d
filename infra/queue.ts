import { NOTICE_QUEUE } from "@testex/stage/event-sources";

/** Notices that failed every attempt; an alarm fires as soon as one arrives. */
export const deadLetters = new sst.aws.Queue("NotificationDeadLetters", {
  transform: { queue: { messageRetentionSeconds: 14 * 24 * 3600 } },
});

/** Notices to send; see NOTICE_QUEUE for the timings. */
export const notificationQueue = new sst.aws.Queue("NotificationQueue", {
  visibilityTimeout: `${NOTICE_QUEUE.visibilityTimeoutSeconds} seconds`,
  dlq: { queue: deadLetters.arn, retry: NOTICE_QUEUE.maxReceiveCount },
});

/**
 * Where the table stream's subscriber puts a batch it gave up on after its
 * retries (the stream's on-failure destination): a description of the records,
 * whose outbox items stay in the table. An alarm fires on the first.
 */
export const outboxFailures = new sst.aws.Queue("OutboxFailures", {
  transform: { queue: { messageRetentionSeconds: 14 * 24 * 3600 } },
});

/**
 * SES's delivery events the delivery recorder could not record after Lambda's
 * retries (its on-failure destination): each is a notice's proof of delivery,
 * to be replayed by hand. An alarm fires on the first.
 */
export const mailEventFailures = new sst.aws.Queue("MailEventFailures", {
  transform: { queue: { messageRetentionSeconds: 14 * 24 * 3600 } },
});

export const outputs = { notificationQueue: notificationQueue.url };
