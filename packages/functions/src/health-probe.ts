// Only what it uses: the core's index would bring the table's module, and with it a link the probe never needs.
import { apiUrl } from "@testex/core/config";
import { describeError, log } from "@testex/core/log";
import { metric } from "@testex/core/metric";

/** Longer than the route's own 1 s per check, shorter than the function's limit. */
const TIMEOUT_MS = 10_000;

/**
 * Calls the stage's public GET /health as a client would and counts every
 * answer that is not a 200 (a 503, an error page, no answer at all) as
 * `HealthCheckFailed`, which the health alarm watches.
 */
export const handler = async (): Promise<{ healthy: boolean; status?: number }> => {
  let status: number | undefined;
  try {
    const response = await fetch(`${apiUrl()}/health`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    status = response.status;
    await response.body?.cancel();
  } catch (error) {
    log.warn("health probe got no answer", describeError(error));
  }
  const healthy = status === 200;
  if (!healthy) {
    metric("HealthCheckFailed");
    log.warn("health probe: /health is not ok", { status });
  }
  return { healthy, status };
};
