/**
 * `npm start`: the whole system on this machine. Stand-ins for DynamoDB, S3 and
 * SES on 127.0.0.1, the API on PORT, and the workers, with data under `.testex/`.
 */
import { serve } from "@hono/node-server";
import { apiCors } from "../../../infra/cors";
import { withGatewayCors } from "./api-gateway";
import { localAuthSecret } from "./auth-secret";
import { localDataDir } from "./paths";
import { localPorts } from "./ports";
import { startStack } from "./stack";

const port = Number(process.env.PORT ?? 3000);
const ports = localPorts();

async function main() {
  const stack = await startStack({ stage: "local", authSecret: localAuthSecret(), dataDir: localDataDir, persistent: true, ports });
  Object.assign(process.env, stack.env);

  // Imported only now: app code reads its links from the environment set above.
  const { app } = await import("@testex/functions/api/app");
  const { startWorkers } = await import("./workers");
  const stopWorkers = await startWorkers().catch(async (error: unknown) => {
    await stack.stop();
    throw error;
  });
  // As API Gateway does in AWS: CORS is answered in front of the function, with infra's rules.
  const fetch = withGatewayCors(app.fetch, apiCors(stack.resources.settings.corsOrigins));
  const server = serve({ fetch, port, hostname: "127.0.0.1" });

  const [dynamo, s3, ses, sqs] = stack.services;
  console.log(
    [
      "",
      "TESTEX is running",
      `  API          http://localhost:${port}/api   (health: http://localhost:${port}/health)`,
      `  API docs     http://localhost:${port}/docs   (token: npm run -s token -- --role editor)`,
      `  Mail inbox   ${ses!.endpoint}/   (JSON: ${ses!.endpoint}/store)`,
      `  Queue        ${sqs!.endpoint}   (notices: ${stack.resources.queues.notifications})`,
      `  S3           ${s3!.endpoint}   buckets: ${Object.values(stack.resources.buckets).join(", ")}`,
      `  DynamoDB     ${dynamo!.endpoint}   table: ${stack.resources.table}`,
      `  Data         ${localDataDir}`,
      "Ctrl-C stops everything.",
      "",
    ].join("\n"),
  );

  let stopping = false;
  const shutdown = async () => {
    // A second Ctrl-C, or workers that do not finish in time, stop the stand-ins at once.
    const now = async () => {
      await stack.stop();
      process.exit(1);
    };
    if (stopping) return void now();
    stopping = true;
    setTimeout(now, 15_000).unref();
    server.close();
    await stopWorkers();
    await stack.stop();
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

main().catch((error: Error) => {
  console.error(`testex: ${error.message}`);
  process.exit(1);
});
