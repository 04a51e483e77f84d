import { Termination, log } from "@testex/core";

/** Daily (cron) in AWS, a timer locally: ends the approved terminations whose effective date has come. */
export const handler = async (): Promise<{ completed: number; skipped: number }> => {
  const result = await Termination.completeDue();
  log.info("scheduled terminations", result);
  return result;
};
