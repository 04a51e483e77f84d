/**
 * `npm run jobs -- [--as-of YYYY-MM-DD] [--dry-run]`: every scheduled job
 * (due terminations, expiries and renewals, reminders, and the safety nets),
 * run as if today were the given date; `--dry-run` lists what the dated jobs
 * would do and writes nothing. Runs against `npm start`'s stack, or against
 * the stage whose links the environment already holds (`sst shell`).
 */
import { parseArgs } from "node:util";
import { connect } from "./connect";

const USAGE = `Usage: npm run jobs -- [--as-of YYYY-MM-DD] [--dry-run]
  --as-of    the day to run the jobs for (default: today, UTC)
  --dry-run  list what the dated jobs would do; write nothing`;

class UsageError extends Error {}

async function main() {
  const { values } = parseArgs({ options: { "as-of": { type: "string" }, "dry-run": { type: "boolean", default: false }, help: { type: "boolean", short: "h", default: false } } });
  if (values.help) return console.log(USAGE);
  process.env.LOG_LEVEL ??= "WARN";
  await connect();
  // Imported only now: core reads its links from the environment.
  const { systemActor, withContext } = await import("@testex/core");
  const { IsoDate } = await import("@testex/core/schema");
  const { parse } = await import("@testex/core/validation");
  const { today } = await import("@testex/core/dates");
  const asOf = values["as-of"] ?? today();
  let day: string;
  try {
    day = parse(IsoDate, asOf);
  } catch {
    throw new UsageError(`--as-of needs a calendar date as YYYY-MM-DD, not "${asOf}".`);
  }

  await withContext({ actor: systemActor("scheduler"), requestId: crypto.randomUUID() }, async () => {
    if (values["dry-run"]) {
      const { JOBS } = await import("@testex/core/schedule");
      console.log(`Scheduled jobs as of ${day}, dry run: nothing is written.`);
      for (const job of JOBS) {
        if (!job.plan) {
          console.log(`${job.name}: not simulated (a safety net that works on the clock)`);
          continue;
        }
        const planned = (await job.plan(day)) as unknown[];
        console.log(`${job.name}: ${planned.length}`);
        for (const item of planned) console.log(`  ${JSON.stringify(item)}`);
      }
      return;
    }
    const { runJobs } = await import("@testex/functions/scheduler");
    const results = await runJobs(day);
    console.log(`Scheduled jobs as of ${day}:`);
    for (const [name, result] of Object.entries(results)) console.log(`${name}: ${JSON.stringify(result)}`);
  });
}

main().catch((error: Error & { issues?: { path: string; message: string }[] }) => {
  if (error instanceof UsageError) console.error(`${error.message}\n\n${USAGE}`);
  else console.error(`jobs: ${error.message}`);
  process.exit(1);
});
