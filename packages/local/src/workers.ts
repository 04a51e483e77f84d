/**
 * The event-driven parts of the system that AWS runs as separate functions
 * (stream processor, queue worker, schedules), run in-process by `npm start`
 * on the same handler code. Each returns a function that stops it.
 */
import { startFileWorker } from "./file-worker";
import { Resource } from "sst";
import { handler as processor, outboxEventId } from "@testex/functions/processor";
import { handler as scheduler } from "@testex/functions/scheduler";
import { startStreamReader } from "./stream-reader";

export type StopWorker = () => Promise<void>;

/** Runs `job` every `ms` (never two at once), the way an EventBridge schedule invokes a Lambda. */
function every(ms: number, job: () => Promise<unknown>): StopWorker {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(job).catch((error: Error) => console.error(`scheduled job: ${error.message}`));
  }, ms);
  return async () => {
    clearInterval(timer);
    await running;
  };
}

export async function startWorkers(): Promise<StopWorker> {
  const stops: StopWorker[] = [
    // AWS: the table stream's subscriber, filtered to outbox INSERTs.
    await startStreamReader({ table: Resource.Table.name, handler: processor, accept: (record) => outboxEventId(record) !== undefined }),
    // AWS: a daily cron; locally often, so a termination due today ends within a minute of its approval at the latest.
    every(Number(process.env.TESTEX_SCHEDULER_INTERVAL_MS ?? 60_000), scheduler),
    await startFileWorker(),
  ];
  return async () => {
    await Promise.all(stops.map((stop) => stop()));
  };
}
