/**
 * The event-driven parts of the system that AWS runs as separate functions
 * (stream processor, queue worker, schedules), run in-process by `npm start`
 * on the same handler code. Each returns a function that stops it.
 */
import { Resource } from "sst";
import { describeError, log } from "@testex/core";
import { startQueueWorker } from "./queue-worker";

export type StopWorker = () => Promise<void>;

/** How long a received notice stays hidden if the worker dies before answering (retries set their own backoff). */
const LOCAL_NOTICE_VISIBILITY_SECONDS = 30;
const LOCAL_SCHEDULE_MS = 60_000;

export async function startWorkers(): Promise<StopWorker> {
  const stops: StopWorker[] = [];
  const { handler: notifier } = await import("@testex/functions/notifier");
  stops.push(
    startQueueWorker({
      queueUrl: Resource.NotificationQueue.url,
      handler: notifier,
      visibilityTimeoutSeconds: LOCAL_NOTICE_VISIBILITY_SECONDS,
      onError: (error) => log.warn("notice queue poll failed", describeError(error)),
    }),
  );
  stops.push(await every(LOCAL_SCHEDULE_MS, "scheduler", (await import("@testex/functions/scheduler")).handler));
  return async () => {
    await Promise.all(stops.map((stop) => stop()));
  };
}

/** Runs a scheduled handler now and then every `ms`, never two runs at once. */
async function every(ms: number, name: string, run: (event: unknown) => Promise<unknown>): Promise<StopWorker> {
  let current: Promise<unknown> = Promise.resolve();
  const tick = () => {
    current = current.then(() => run({ source: "local.schedule" }).catch((error) => log.error(`${name} failed`, describeError(error))));
  };
  tick();
  const timer = setInterval(tick, ms);
  return async () => {
    clearInterval(timer);
    await current;
  };
}
