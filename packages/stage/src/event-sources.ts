/**
 * How AWS hands events to the workers, as pure data (no SST globals): infra
 * applies it, and the local runtime's stand-ins (packages/local) read the same
 * values, so `npm start` and the tests see AWS's batching, retries and dead letters.
 */

/** The table stream → contract processor mapping. */
export const STREAM_SUBSCRIPTION = {
  /** Small batches: a completion copies a contract's files, and a batch must finish within the timeout. */
  batchSize: 10,
  /** A failing invocation is split in halves, so one bad record does not hold its neighbours back. */
  bisectBatchOnFunctionError: true,
  /** Then the batch goes to the on-failure destination and the shard moves on. */
  maximumRetryAttempts: 10,
} as const;

/** The notification queue → notifier mapping. */
export const NOTICE_QUEUE = {
  /** The notifier's time limit; the queue's visibility timeout is derived from it. */
  consumerTimeoutSeconds: 30,
  /** AWS advises six times the consumer's timeout, so a retried invocation does not see its message again. */
  visibilityTimeoutSeconds: 6 * 30,
  /** Receives before a message moves to the dead-letter queue. */
  maxReceiveCount: 5,
  batchSize: 10,
} as const;

/**
 * The webhook queue → sender mapping. Each message is one delivery, so a
 * batch's receivers are called side by side and a slow one holds only itself.
 * Its receives before the dead-letter queue are the stage's attempts
 * (`settings.webhooks.maxAttempts`): the sender marks the delivery DEAD at the
 * last one, and the queue then moves its message aside.
 */
export const WEBHOOK_QUEUE = {
  /** A receiver has the stage's timeout (10 s) to answer; the sender's limit leaves room for a batch's bookkeeping. */
  consumerTimeoutSeconds: 30,
  visibilityTimeoutSeconds: 6 * 30,
  batchSize: 10,
} as const;
