/**
 * Every scheduled job, in the order they run: the scheduler (cron in AWS, a
 * timer locally) and `npm run jobs` run this one list, registered by each
 * module's jobs file (jobs/). Dated jobs take the day they run for, so any date
 * can be tried; the others are safety nets that work on the clock. Each is
 * idempotent: running one more often than needed only costs reads.
 */
import "./jobs/index";
import { jobs } from "./effects/registry";

export type { ScheduledJob } from "./effects/registry";
export const JOBS = jobs();
