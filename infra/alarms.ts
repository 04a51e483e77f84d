import { api, apiRoute } from "./api";
import { healthProbe } from "./health";
import { databaseManager, scheduler } from "./jobs";
import { deadLetters, mailEventFailures, notificationQueue, outboxFailures } from "./queue";
import { config } from "./settings";
import { table } from "./storage";
import { deliveryRecorder, fileHandler, notifier, processor } from "./workers";
import { webhookDeadLetters, webhookSender } from "./webhooks";

/**
 * Every alarm docs/operations.md promises, each publishing to the stage's one
 * alerts topic, which mails the operators. The infra suite checks each alarm
 * against a metric the code emits (or a resource AWS measures).
 */
export const alerts = new aws.sns.Topic("Alerts");
for (const [index, address] of config.settings.operatorEmails.entries()) {
  new aws.sns.TopicSubscription(`AlertsOperator${index}`, { topic: alerts.arn, protocol: "email", endpoint: address });
}

type Metric = Pick<aws.cloudwatch.MetricAlarmArgs, "namespace" | "metricName" | "dimensions" | "statistic">;

/** On a pull request's stage, only work the code lost: a message that died, an effect that never happened. */
const LOST_WORK = new Set(["DeadNoticesAlarm", "OutboxFailuresAlarm", "MailEventFailuresAlarm", "OutboxDeadAlarm", "NoticeDeadAlarm", "BackupFailedAlarm", "DeadWebhooksAlarm"]);

/** Every alarm mails the operators; without data (nothing happened) it stays quiet unless told otherwise. */
function alarm(name: string, description: string, args: Omit<aws.cloudwatch.MetricAlarmArgs, "alarmDescription" | "alarmActions">) {
  if (config.monitoring.alarms === "lost-work" && !LOST_WORK.has(name)) return;
  new aws.cloudwatch.MetricAlarm(name, { treatMissingData: "notBreaching", ...args, alarmDescription: description, alarmActions: [alerts.arn] });
}

/** Fires as soon as the metric is above zero in a five-minute period. */
function alarmAboveZero(name: string, description: string, metric: Metric) {
  alarm(name, description, { ...metric, period: 300, evaluationPeriods: 1, comparisonOperator: "GreaterThanThreshold", threshold: 0 });
}

/** Our own metrics carry the stage (packages/core/src/metric.ts). */
const own = (metricName: string, dimensions: Record<string, string> = {}): Metric => ({
  namespace: "TESTEX",
  metricName,
  dimensions: { stage: $app.stage, ...dimensions },
  statistic: "Sum",
});

// Dead letters: a message that gave up.
alarmAboveZero("DeadNoticesAlarm", "A notice failed every attempt and is in the dead-letter queue", {
  namespace: "AWS/SQS",
  metricName: "ApproximateNumberOfMessagesVisible",
  dimensions: { QueueName: deadLetters.nodes.queue.name },
  statistic: "Maximum",
});
alarmAboveZero("OutboxFailuresAlarm", "The table stream gave up on outbox records after its retries", {
  namespace: "AWS/SQS",
  metricName: "ApproximateNumberOfMessagesVisible",
  dimensions: { QueueName: outboxFailures.nodes.queue.name },
  statistic: "Maximum",
});

alarmAboveZero("MailEventFailuresAlarm", "A delivery, bounce or complaint report could not be recorded after its retries", {
  namespace: "AWS/SQS",
  metricName: "ApproximateNumberOfMessagesVisible",
  dimensions: { QueueName: mailEventFailures.nodes.queue.name },
  statistic: "Maximum",
});
alarmAboveZero("DeadWebhooksAlarm", "A webhook delivery failed every attempt; replay it from its subscription's delivery log", {
  namespace: "AWS/SQS",
  metricName: "ApproximateNumberOfMessagesVisible",
  dimensions: { QueueName: webhookDeadLetters.nodes.queue.name },
  statistic: "Maximum",
});

// Functions: errors and throttles, each function on its own.
const functions = {
  Api: apiRoute.nodes.function.apply((f) => f.nodes.function),
  ContractProcessor: processor.nodes.function.apply((f) => f.nodes.function),
  FileHandler: fileHandler.nodes.functions.apply((fns) => fns[0]!.nodes.function),
  Notifier: notifier.nodes.function.apply((f) => f.nodes.function),
  DeliveryRecorder: deliveryRecorder.nodes.function.apply((f) => f.nodes.function),
  WebhookSender: webhookSender.nodes.function.apply((f) => f.nodes.function),
  Scheduler: scheduler.nodes.function.apply((f) => f.nodes.function),
  DatabaseManager: databaseManager.nodes.function.apply((f) => f.nodes.function),
  ...(healthProbe ? { HealthProbe: healthProbe.nodes.function.apply((f) => f.nodes.function) } : {}),
};
for (const [name, fn] of Object.entries(functions)) {
  for (const metricName of ["Errors", "Throttles"]) {
    alarmAboveZero(`${name}${metricName}Alarm`, `${name} reported ${metricName.toLowerCase()}`, {
      namespace: "AWS/Lambda",
      metricName,
      dimensions: { FunctionName: fn.name },
      statistic: "Sum",
    });
  }
}

/** The share (in %) of the API's requests in five minutes that answered `metricName` (5xx, 4xx), once there are `least` requests. */
const apiShare = (metricName: string, least: number): aws.types.input.cloudwatch.MetricAlarmMetricQuery[] => [
  { id: "rate", expression: `IF(requests >= ${least}, 100 * answered / requests, 0)`, label: `${metricName} %`, returnData: true },
  ...[
    ["answered", metricName],
    ["requests", "Count"],
  ].map(([id, name]) => ({
    id: id!,
    returnData: false,
    metric: { namespace: "AWS/ApiGateway", metricName: name!, dimensions: { ApiId: api.nodes.api.id }, period: 300, stat: "Sum" },
  })),
];

// The API: server errors above 1 % of requests (known errors are 4xx).
alarm("ApiServerErrorsAlarm", "More than 1 % of API requests failed with a 5xx in five minutes", {
  evaluationPeriods: 1,
  comparisonOperator: "GreaterThanThreshold",
  threshold: 1,
  metricQueries: apiShare("5xx", 1),
});

// A wrong issuer or audience answers 401 to everyone while /health stays green: a surge of refusals is an outage.
alarm("ApiClientErrorsAlarm", "More than 25 % of API requests were refused (4xx, such as 401) for ten minutes", {
  evaluationPeriods: 2,
  datapointsToAlarm: 2,
  comparisonOperator: "GreaterThanThreshold",
  threshold: 25,
  metricQueries: apiShare("4xx", 20),
});

// The stream: the processor falls behind (outbox effects, notices and backups wait).
alarm("StreamIteratorAgeAlarm", "The contract processor is more than five minutes behind the table stream", {
  namespace: "AWS/Lambda",
  metricName: "IteratorAge",
  dimensions: { FunctionName: functions.ContractProcessor.name },
  statistic: "Maximum",
  period: 300,
  evaluationPeriods: 1,
  comparisonOperator: "GreaterThanThreshold",
  threshold: 5 * 60 * 1000,
});

// Notices: one waiting in the queue for a quarter of an hour is a notice not sent (SES paused, notifier failing).
alarm("NoticeQueueAgeAlarm", "A notice has waited more than 15 minutes in the notification queue", {
  namespace: "AWS/SQS",
  metricName: "ApproximateAgeOfOldestMessage",
  dimensions: { QueueName: notificationQueue.nodes.queue.name },
  statistic: "Maximum",
  period: 300,
  evaluationPeriods: 1,
  comparisonOperator: "GreaterThanThreshold",
  threshold: 15 * 60,
});

// SES's account reputation: AWS reviews the account at a 5 % bounce or 0.1 % complaint rate, and pauses sending at 10 % and 0.5 %.
for (const [name, metricName, threshold] of [
  ["SesBounceRateAlarm", "Reputation.BounceRate", 0.05],
  ["SesComplaintRateAlarm", "Reputation.ComplaintRate", 0.001],
] as const) {
  alarm(name, `SES's ${metricName} of the account reached ${threshold * 100} %, where AWS reviews it (and later pauses sending)`, {
    namespace: "AWS/SES",
    metricName,
    statistic: "Maximum",
    period: 3600,
    evaluationPeriods: 1,
    comparisonOperator: "GreaterThanOrEqualToThreshold",
    threshold,
  });
}

// Backups: a fresh export every night, and no failed one.
alarm("ExportMissingAlarm", "No table export completed in the last 26 hours", {
  ...own("ExportCompleted"),
  period: 3600,
  evaluationPeriods: 26,
  datapointsToAlarm: 26,
  comparisonOperator: "LessThanThreshold",
  threshold: 1,
  // A new stage has no export until its first night: no data must not page anyone. A run that fails
  // reports ExportFailed (alarmed below); a stage whose nightly run never starts is not caught here.
  treatMissingData: "notBreaching",
});
alarmAboveZero("ExportFailedAlarm", "A table export failed", own("ExportFailed"));
alarmAboveZero("BackupFailedAlarm", "A terminated contract's backup gave up after its retries", own("BackupFailed"));
alarmAboveZero("OutboxDeadAlarm", "An outbox event gave up after its retries (its effects did not all happen)", own("OutboxDead"));

// Notices.
alarmAboveZero("NoticeDeadAlarm", "A notice could not be sent after its retries", own("NoticeDead"));
alarmAboveZero("NoticeBouncedAlarm", "A sent notice bounced: its recipient never got it", own("NoticeBounced"));
alarmAboveZero("NoticeComplainedAlarm", "A recipient marked a notice as spam", own("NoticeComplained"));

// Health: the probe found /health not answering 200 for five minutes in a row.
if (healthProbe) alarm("HealthAlarm", "GET /health did not answer 200 for five minutes", {
  ...own("HealthCheckFailed"),
  period: 60,
  evaluationPeriods: 5,
  datapointsToAlarm: 5,
  comparisonOperator: "GreaterThanOrEqualToThreshold",
  threshold: 1,
});

// The table: DynamoDB reports these per operation, so a Metrics Insights query adds them up.
for (const [name, metricName] of [
  ["TableSystemErrorsAlarm", "SystemErrors"],
  ["TableThrottlesAlarm", "ThrottledRequests"],
] as const) {
  alarm(name, `The table reported ${metricName}`, {
    evaluationPeriods: 1,
    comparisonOperator: "GreaterThanThreshold",
    threshold: 0,
    metricQueries: [
      {
        id: "total",
        returnData: true,
        period: 300,
        expression: $interpolate`SELECT SUM(${metricName}) FROM SCHEMA("AWS/DynamoDB", Operation, TableName) WHERE TableName = '${table.name}'`,
      },
    ],
  });
}

export const outputs = { alerts: alerts.arn };
