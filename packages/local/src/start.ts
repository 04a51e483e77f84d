/**
 * `npm start`: the whole system on this machine. Stand-ins for DynamoDB, S3,
 * SES and SQS and an OpenID Provider on 127.0.0.1, the API on PORT, the
 * console on TESTEX_WEB_PORT, and the workers, with data under `.testex/`.
 */
import { serve } from "@hono/node-server";
import { join } from "node:path";
import { buildConsole, serveConsole } from "./console";
import { localDataDir } from "./paths";
import { PEOPLE } from "./people";
import { localPorts } from "./ports";
import { startStack } from "./stack";

const port = Number(process.env.PORT ?? 3000);
const ports = localPorts();

async function main() {
  const stack = await startStack({ stage: "local", dataDir: localDataDir, persistent: true, ports });
  Object.assign(process.env, stack.env);

  // Imported only now: app code reads its links from the environment set above.
  const { app } = await import("@testex/functions/api/app");
  const { startWorkers } = await import("./workers");
  const stopWorkers = await startWorkers().catch(async (error: unknown) => {
    await stack.stop();
    throw error;
  });
  const server = serve({ fetch: app.fetch, port, hostname: "127.0.0.1" });
  const { issuer, audience } = stack.resources.settings.oidc;
  const web = await buildConsole({ apiUrl: `http://localhost:${port}`, issuer, clientId: audience, outDir: join(localDataDir, "console") })
    .then((dir) => serveConsole(dir, ports.web))
    .catch(async (error: unknown) => {
      server.close();
      await stopWorkers();
      await stack.stop();
      throw error;
    });

  const [dynamo, s3, ses, sqs, oidc] = stack.services;
  console.log(
    [
      "",
      "TESTEX is running",
      `  Console      ${stack.resources.consoleUrl}   (sign in as one of the people below)`,
      `  API          http://localhost:${port}/api   (health: http://localhost:${port}/health)`,
      `  API docs     http://localhost:${port}/docs   (token: npm run -s token -- --user ed)`,
      `  Sign-in      ${oidc!.endpoint}   (OpenID Provider; client ${stack.resources.settings.oidc.audience})`,
      `  Mail inbox   ${ses!.endpoint}/   (JSON: ${ses!.endpoint}/store)`,
      `  Queue        ${sqs!.endpoint}   (notices: ${stack.resources.queues.notifications})`,
      `  S3           ${s3!.endpoint}   buckets: ${Object.values(stack.resources.buckets).join(", ")}`,
      `  DynamoDB     ${dynamo!.endpoint}   table: ${stack.resources.table}`,
      `  Data         ${localDataDir}`,
      "",
      "People who can sign in (local only):",
      ...PEOPLE.map((p) => `  ${p.login.padEnd(4)} ${p.password.padEnd(12)} ${p.groups.join(", ").padEnd(9)} ${p.name} <${p.email}>`),
      "",
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
    web.close();
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
