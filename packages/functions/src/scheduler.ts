import { describeError, log, systemActor, withContext } from "@testex/core";
import { JOBS } from "@testex/core/schedule";
import { today } from "@testex/core/dates";
import { randomUUID } from "node:crypto";

/**
 * Runs every scheduled job for `day` (today, unless a caller simulates
 * another date). Each runs whatever another one did, and a failure is
 * reported after all have had their turn.
 */
export async function runJobs(day = today()): Promise<Record<string, unknown>> {
  const results: Record<string, unknown> = {};
  const failures: unknown[] = [];
  for (const job of JOBS) {
    try {
      results[job.name] = await job.run(day);
    } catch (error) {
      failures.push(error);
      log.error(`scheduled job failed: ${job.name}`, describeError(error));
    }
  }
  log.info("scheduled jobs", { day, ...results });
  if (failures.length) throw new AggregateError(failures, `${failures.length} scheduled job(s) failed`);
  return results;
}

export const handler = async (_event?: unknown): Promise<Record<string, unknown>> =>
  withContext({ actor: systemActor("scheduler"), requestId: randomUUID() }, () => runJobs());
