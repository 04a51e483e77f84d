/**
 * Sections 2, 3, 4 and the Lambda half of 6, against one in-memory stack
 * (DynamoDB Local, S3, SES stand-ins) and the API served by @hono/node-server
 * in this process, so the command counter sees every command a request sends.
 */
import { serve } from "@hono/node-server";
import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "@testex/aws-local/process";
import { startStack } from "@testex/local/stack";
import { mintToken } from "@testex/local/token";
import { ACTORS, apiClient, clientInput, contractInput } from "./lib/http";
import { emit, type Row } from "./lib/report";
import { round } from "./lib/stats";

const SMALL = 1_000;
const LARGE = Number(process.env.BENCH_SCALE_N ?? 100_000);
const LOAD_BUDGET_MS = Number(process.env.BENCH_LOAD_BUDGET_S ?? 360) * 1000;
const ITERATIONS = Number(process.env.BENCH_READ_ITERATIONS ?? 330);
const MAX_OVERHEAD = 1.2;
const MAX_SCALE = 1.2;

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), "testex-bench-"));
  const stack = await startStack({ stage: "bench", dataDir, persistent: false });
  const rows: Row[] = [];
  const details: Record<string, unknown> = {};
  let server: ReturnType<typeof serve> | undefined;
  try {
    Object.assign(process.env, stack.env);
    // Imported only now: app code reads its links from the environment set above.
    const { app } = await import("@testex/functions/api/app");
    const { measureDynamoCost } = await import("./dynamo-cost");
    const { loadContracts, measureReads, ms, p, summarize } = await import("./latency");
    const { measureLambdaPeaks, peakRows } = await import("./lambda-memory");
    const { dynamo } = await import("@testex/core/db/dynamo");
    const { db } = await import("@testex/core/entities");

    const port = await freePort();
    server = serve({ fetch: app.fetch, port, hostname: "127.0.0.1" });
    const request = await apiClient(`http://127.0.0.1:${port}`);
    const viewerToken = await mintToken(ACTORS.viewer);
    const appCall = async (path: string) => {
      const response = await app.request(path, { headers: { authorization: `Bearer ${viewerToken}` } });
      await response.arrayBuffer();
      return response.status;
    };

    // 2. DynamoDB cost per route
    const cost = await measureDynamoCost(request);
    rows.push(...cost.rows, { section: "2 DynamoDB cost", item: "Scans in the product path", figure: String(cost.scans), target: "0", pass: cost.scans === 0 });
    details.commands = cost.details;

    // 3. API overhead, and 4. scale at the small size
    const small = await loadContracts(SMALL, Infinity);
    const atSmall = await measureReads(request, appCall, small.ids, ITERATIONS);
    const overhead = (http: number[], inApp: number[], raw: number[], what: string) => {
      const [h, a, r] = [p(http), p(inApp), p(raw)];
      for (const q of ["p50", "p99"] as const) {
        const ratio = h[q] / r[q];
        rows.push({
          section: "3 API overhead",
          item: `${what} ${q}: HTTP vs raw`,
          figure: `${round(ratio)}× (${ms(h[q])} vs ${ms(r[q])})`,
          target: `≤ ${MAX_OVERHEAD}×`,
          pass: ratio <= MAX_OVERHEAD,
          note: `${h[q] >= r[q] ? "+" : "−"}${ms(Math.abs(h[q] - r[q]))}; same app without the socket: ${ms(a[q])}`,
        });
      }
    };
    overhead(atSmall.httpGet, atSmall.appGet, atSmall.rawGet, "GET /api/contracts/{id}");
    overhead(atSmall.httpList, atSmall.appList, atSmall.rawList, "list page (50)");

    // 4. Scale: grow the table and read again
    const large = await loadContracts(LARGE - SMALL, LOAD_BUDGET_MS);
    const total = SMALL + large.ids.length;
    const perSecond = large.ids.length / (large.ms / 1000);
    rows.push({
      section: "4 scale",
      item: `load ${large.ids.length.toLocaleString("en")} contracts (BatchWriteItem)`,
      figure: `${round(large.ms / 1000, 1)} s (${Math.round(perSecond)} items/s)`,
      target: "whole bench < 15 min",
      pass: null,
      note: total < LARGE ? `stopped at ${total.toLocaleString("en")} of ${LARGE.toLocaleString("en")}: load budget spent` : undefined,
    });
    const atLarge = await measureReads(request, appCall, [...small.ids, ...large.ids], ITERATIONS);
    for (const [what, a, b] of [
      ["GET /api/contracts/{id}", atSmall.httpGet, atLarge.httpGet],
      ["list page (50)", atSmall.httpList, atLarge.httpList],
    ] as const) {
      for (const q of ["p50", "p99"] as const) {
        const ratio = p(b)[q] / p(a)[q];
        rows.push({
          section: "4 scale",
          item: `${what} ${q}: ${total.toLocaleString("en")} vs ${SMALL.toLocaleString("en")}`,
          figure: `${round(ratio)}× (${ms(p(b)[q])} vs ${ms(p(a)[q])})`,
          target: `≤ ${MAX_SCALE}×`,
          pass: ratio <= MAX_SCALE,
        });
      }
    }
    details.latency = { atSmall: summarize(atSmall), atLarge: summarize(atLarge), total, loadMs: large.ms };

    // 6. Memory of each Lambda on a representative event
    const client = (await request("POST", "/api/clients", { body: clientInput() })).body;
    const contract = (await request("POST", "/api/contracts", { body: contractInput(client.client_id) })).body;
    const key = db.entities.contract.get({ contract_id: contract.contract_id }).params().Key as Record<string, string>;
    const raw = await dynamo.send(new GetItemCommand({ TableName: stack.resources.table, Key: { pk: { S: key.pk! }, sk: { S: key.sk! } } }));
    const bundles = mkdtempSync(join(tmpdir(), "testex-bench-lambdas-"));
    try {
      const peaks = await measureLambdaPeaks(stack.env, {
        token: viewerToken,
        contractId: contract.contract_id,
        contractImage: raw.Item ?? {},
        filesBucket: stack.resources.buckets.files,
      }, bundles);
      rows.push(...peakRows(peaks));
      details.lambdaPeaksMb = Object.fromEntries(peaks.map((k) => [k.name, k.peakMb]));
    } finally {
      rmSync(bundles, { recursive: true, force: true });
    }
  } finally {
    server?.close();
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  emit({ rows, details });
}

await main();
process.exit(0);
