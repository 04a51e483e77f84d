/**
 * `npm start`: the whole system on this machine. Stand-ins for DynamoDB, S3,
 * SES and SQS and an OpenID Provider on 127.0.0.1, the API on PORT, the
 * console on TESTEX_WEB_PORT, and the workers, with data under `.testex/` (private to its user). One instance per data directory; SIGINT,
 * SIGTERM or SIGHUP to this process stops everything it started.
 */
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { claimInstance } from "./instance";
import { localDataDir, privateDir } from "./paths";
import { PEOPLE } from "./people";
import { localPorts } from "./ports";
import { assertPortFree } from "@testex/aws-local/process";
import { elapsed, timed } from "./progress";

const port = Number(process.env.PORT ?? 3000);
const ports = localPorts();
const say = (line: string) => console.log(`testex: ${line}`);

/** What has started so far, stopped in reverse order. */
const parts: { stop: () => Promise<void> }[] = [];
/** The stand-ins and the instance record: what must go even when stopping at once. */
let essentials: (() => Promise<void>) | undefined;
let stopping = false;
class Stopped extends Error {}
/** Between start-up steps: a signal that came during one stops start-up after it. */
const unlessStopping = () => {
  if (stopping) throw new Stopped();
};

async function untilHealthy(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    unlessStopping();
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      if (response.status === 200) return;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(250);
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000} s; last answer: ${last}`);
}

async function start() {
  const began = performance.now();
  privateDir(localDataDir);
  const api = `http://localhost:${port}`;
  const inbox = `http://127.0.0.1:${ports.ses}/`;
  const release = claimInstance(localDataDir, { pid: process.pid, api: `${api}/`, inbox });
  parts.push({ stop: async () => release() });
  essentials = async () => release();
  await assertPortFree(port, "the API (PORT)");
  // Loaded only once this start holds the data directory and the API's port: a start refused for either says so in a fraction of the time.
  const { startStack } = await import("./stack");
  const { serve } = await import("@hono/node-server");
  const { apiCors } = await import("@testex/stage/cors");
  const { withGatewayAuthorizer, withGatewayCors } = await import("./api-gateway");
  const { buildConsole, serveConsole } = await import("./console");

  say(`starting the stand-ins for DynamoDB, S3, SES and SQS and the OpenID Provider (data in ${localDataDir})`);
  const stack = await startStack({ stage: "local", dataDir: localDataDir, persistent: true, ports, progress: say });
  parts.push(stack);
  essentials = async () => {
    await stack.stop();
    release();
  };
  unlessStopping();
  Object.assign(process.env, stack.env);

  // Imported only now: app code reads its links from the environment set above.
  const { app } = await timed(say, () => import("@testex/functions/api/app"), () => "API loaded");
  unlessStopping();
  const { startWorkers } = await import("./workers");
  const stopWorkers = await timed(say, startWorkers, () => "workers running (stream processor, notice queue, webhook queue, file handler, scheduler)");
  parts.push({ stop: () => timed(say, stopWorkers, () => "workers stopped") });
  unlessStopping();

  // As API Gateway does in AWS: CORS is answered, and tokens checked, in front of the function, with infra's rules.
  const { corsOrigins, oidc: trusted } = stack.resources.settings;
  const fetch = withGatewayCors(withGatewayAuthorizer(app.fetch, trusted), apiCors(corsOrigins));
  const server = serve({ fetch, port, hostname: "127.0.0.1" });
  parts.push({
    stop: () =>
      timed(
        say,
        () =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            (server as { closeAllConnections?: () => void }).closeAllConnections?.();
          }),
        () => "API stopped",
      ),
  });
  await timed(say, () => untilHealthy(`http://127.0.0.1:${port}/health`), () => "GET /health is 200");
  unlessStopping();

  const { issuer, audience } = stack.resources.settings.oidc;
  const build = { apiUrl: api, issuer, clientId: audience, outDir: join(localDataDir, "console") };
  const web = await timed(say, () => buildConsole(build).then((dir) => serveConsole(dir, ports.web, { api, issuer, storage: stack.env.AWS_ENDPOINT_URL_S3 })), () => `console built and served on ${stack.resources.consoleUrl}`);
  parts.push({ stop: async () => void web.close() });

  const [dynamo, s3, ses, sqs, oidc] = stack.services;
  console.log(
    [
      "",
      `TESTEX is running (started in ${elapsed(began)})`,
      `  Console      ${stack.resources.consoleUrl}   (sign in as one of the people below)`,
      `  API          ${api}/api   (health: ${api}/health)`,
      `  API docs     ${api}/docs   (token: npm run -s token -- --user ed)`,
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
      `Ctrl-C (or kill -INT ${process.pid}) stops everything.`,
      "",
    ].join("\n"),
  );
}

async function stopAll(): Promise<void> {
  for (const part of parts.splice(0).reverse()) await part.stop();
}

const startup = start();

async function shutdown(signal: string) {
  const now = async (why: string) => {
    say(why);
    await essentials?.();
    process.exit(1);
  };
  // A second signal, or workers that do not finish in time, stop the stand-ins at once.
  if (stopping) return now("stopping the stand-ins at once");
  stopping = true;
  const since = performance.now();
  say(`${signal}: stopping`);
  setTimeout(() => void now("not stopped after 15 s; stopping the stand-ins at once"), 15_000).unref();
  await startup.catch(() => {});
  await stopAll();
  say(`everything stopped (${elapsed(since)})`);
  process.exit(0);
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void shutdown(signal));

startup.catch(async (error: Error) => {
  if (error instanceof Stopped) return; // shutdown() finishes the job
  console.error(`testex: ${error.message}`);
  stopping = true;
  await stopAll();
  process.exit(1);
});
