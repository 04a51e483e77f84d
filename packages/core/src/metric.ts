/**
 * Business and operations events as CloudWatch metrics, without an API call:
 * one line of Embedded Metric Format on stdout, which CloudWatch Logs turns
 * into a metric in namespace `TESTEX`, dimension `stage` (plus any given).
 * The names are the contract between the code that counts and the dashboards
 * and alarms that read (docs/operations.md lists them).
 */
import { Resource } from "sst";

export const METRICS = {
  TerminationRequested: "Count",
  TerminationApproved: "Count",
  TerminationRejected: "Count",
  TerminationCompleted: "Count",
  NoticeSent: "Count",
  NoticeDead: "Count",
  NoticeDelivered: "Count",
  NoticeBounced: "Count",
  NoticeComplained: "Count",
  FileRejected: "Count",
  OutboxDead: "Count",
  BackupFailed: "Count",
  HealthCheckFailed: "Count",
  ExportCompleted: "Count",
  ExportItems: "Count",
  ExportFailed: "Count",
  RestoreCompleted: "Count",
  WebhookDelivered: "Count",
  WebhookDead: "Count",
} as const;
export type MetricName = keyof typeof METRICS;

export const NAMESPACE = "TESTEX";

/** `TESTEX_METRICS=off` silences metrics where nobody collects them (the `db` command line). */
export function metric(name: MetricName, value = 1, dimensions: Record<string, string> = {}): void {
  if (process.env.TESTEX_METRICS === "off") return;
  const all = { stage: stage(), ...dimensions };
  const line = {
    _aws: {
      Timestamp: Date.now(),
      CloudWatchMetrics: [{ Namespace: NAMESPACE, Dimensions: [Object.keys(all)], Metrics: [{ Name: name, Unit: METRICS[name] }] }],
    },
    ...all,
    [name]: value,
  };
  process.stdout.write(JSON.stringify(line) + "\n");
}

// Metrics must never throw, not even for a missing link.
function stage(): string {
  try {
    return Resource.App.stage;
  } catch {
    return "unknown";
  }
}
