import { api } from "./api";
import { lambda } from "./function";
import { config } from "./settings";

/**
 * A synthetic check of GET /health every minute, from outside the API: a
 * dependency that is down, or an API that does not answer at all, becomes the
 * metric the health alarm watches.
 */
export const healthProbe = config.monitoring.healthProbe
  ? new sst.aws.CronV2("HealthProbe", {
  schedule: "rate(1 minute)",
  function: lambda({
    handler: "packages/functions/src/health-probe.handler",
    description: "Calls GET /health and counts each answer that is not 200",
    memory: "128 MB",
    timeout: "20 seconds",
    link: [api],
    permissions: [],
  }),
})
  : undefined;
