/**
 * The event-driven parts of the system that AWS runs as separate functions
 * (stream processor, queue worker, schedules), run in-process by `npm start`
 * on the same handler code. Each returns a function that stops it.
 */
export type StopWorker = () => Promise<void>;

export async function startWorkers(): Promise<StopWorker> {
  const stops: StopWorker[] = [];
  return async () => {
    await Promise.all(stops.map((stop) => stop()));
  };
}
