/** The notification worker's time limit; the queue's visibility timeout is derived from it. */
export const NOTIFIER_TIMEOUT = "30 seconds" as const;

/** Notices that failed every attempt; an alarm fires as soon as one arrives. */
export const deadLetters = new sst.aws.Queue("NotificationDeadLetters", {
  transform: { queue: { messageRetentionSeconds: 14 * 24 * 3600 } },
});

/**
 * Notices to send. AWS advises a visibility timeout of six times the
 * consuming function's timeout, so a message is not redelivered while a
 * retried invocation still holds it.
 */
export const notificationQueue = new sst.aws.Queue("NotificationQueue", {
  visibilityTimeout: `${6 * Number.parseInt(NOTIFIER_TIMEOUT, 10)} seconds`,
  dlq: { queue: deadLetters.arn, retry: 5 },
});

export const outputs = { notificationQueue: notificationQueue.url };
