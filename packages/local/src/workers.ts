/**
 * The event-driven parts of the system that AWS runs as separate functions
 * (stream processor, queue worker, schedules), run in-process by `npm start`
 * on the same handler code. Each returns a function that stops it.
 */
import { startFileWorker } from "./file-worker";

export type StopWorker = () => Promise<void>;

export async function startWorkers(): Promise<StopWorker> {
  const stops: StopWorker[] = [];
  stops.push(await startFileWorker());
  return async () => {
    await Promise.all(stops.map((stop) => stop()));
  };
}
