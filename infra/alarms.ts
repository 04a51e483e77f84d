import { apiRoute } from "./api";
import { databaseManager, scheduler } from "./jobs";
import { deadLetters } from "./queue";
import { config } from "./settings";
import { fileHandler, notifier, processor } from "./workers";

/** Operators hear about a dead notice or a failing function by e-mail. */
const alerts = new aws.sns.Topic("Alerts");
for (const [index, address] of config.settings.operatorEmails.entries()) {
  new aws.sns.TopicSubscription(`AlertsOperator${index}`, { topic: alerts.arn, protocol: "email", endpoint: address });
}

/** Fires as soon as the metric is above zero in a five-minute period. */
function alarmAboveZero(
  name: string,
  description: string,
  metric: Pick<aws.cloudwatch.MetricAlarmArgs, "namespace" | "metricName" | "dimensions" | "statistic">,
) {
  new aws.cloudwatch.MetricAlarm(name, {
    ...metric,
    alarmDescription: description,
    period: 300,
    evaluationPeriods: 1,
    comparisonOperator: "GreaterThanThreshold",
    threshold: 0,
    treatMissingData: "notBreaching",
    alarmActions: [alerts.arn],
  });
}

alarmAboveZero("DeadNoticesAlarm", "A notice failed every attempt and is in the dead-letter queue", {
  namespace: "AWS/SQS",
  metricName: "ApproximateNumberOfMessagesVisible",
  dimensions: { QueueName: deadLetters.nodes.queue.name },
  statistic: "Maximum",
});

const functions = {
  Api: apiRoute.nodes.function,
  ContractProcessor: processor.nodes.function,
  FileHandler: fileHandler.nodes.functions.apply((fns) => fns[0]!),
  Notifier: notifier.nodes.function,
  Scheduler: scheduler.nodes.function,
  DatabaseManager: databaseManager.nodes.function,
};

for (const [name, fn] of Object.entries(functions)) {
  alarmAboveZero(`${name}ErrorsAlarm`, `${name} reported errors`, {
    namespace: "AWS/Lambda",
    metricName: "Errors",
    dimensions: { FunctionName: fn.apply((f) => f.nodes.function.name) },
    statistic: "Sum",
  });
}
