/** Reports what `npm start` is doing, as it happens; silent unless a reporter is given. */
export type Progress = (line: string) => void;

export const elapsed = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/** Runs `work` and reports `done(result)` with how long it took. */
export async function timed<T>(progress: Progress | undefined, work: () => Promise<T>, done: (result: T) => string): Promise<T> {
  const since = performance.now();
  const result = await work();
  progress?.(`${done(result)} (${elapsed(since)})`);
  return result;
}
