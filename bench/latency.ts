/**
 * 3. API overhead and 4. scale: the same reads through the real HTTP server
 * and straight to DynamoDB Local, and the HTTP reads again after the table
 * has grown a hundredfold.
 */
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { withTerm } from "@testex/core/contract/index";
import { dynamo } from "@testex/core/db/dynamo";
import { db } from "@testex/core/entities";
import { newId } from "@testex/core/id";
import type { Request } from "./lib/http";
import { percentile, round } from "./lib/stats";

const PAGE = 50;
const document = DynamoDBDocumentClient.from(dynamo);

export interface Latencies {
  httpGet: number[];
  appGet: number[];
  rawGet: number[];
  httpList: number[];
  appList: number[];
  rawList: number[];
}

/** The same app called in-process (no socket): splits HTTP transport from the app's own work. */
export type AppCall = (path: string) => Promise<number>;

export const p = (samples: number[]) => ({ p50: percentile(samples, 50), p99: percentile(samples, 99) });
export const summarize = (l: Latencies) => Object.fromEntries(Object.entries(l).map(([k, v]: [string, number[]]) => [k, { ...p(v), n: v.length }]));
export const ms = (value: number) => `${round(value, 1)} ms`;

async function time(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

/**
 * Alternates the kinds of read on random contracts so that noise from the
 * machine falls on all of them alike. `check` fails loudly on a non-200.
 */
export async function measureReads(request: Request, appCall: AppCall, ids: string[], iterations: number): Promise<Latencies> {
  const result: Latencies = { httpGet: [], appGet: [], rawGet: [], httpList: [], appList: [], rawList: [] };
  const pick = () => ids[Math.floor(Math.random() * ids.length)]!;
  const listParams = db.entities.contract.query.byEndDate({}).params({ limit: PAGE });
  const check = async (path: string, via: "http" | "app" = "http") => {
    const status = via === "http" ? (await request("GET", path, { as: "viewer" })).status : await appCall(path);
    if (status !== 200) throw new Error(`GET ${path} answered ${status}`);
  };
  for (let i = 0; i < iterations; i++) {
    const id = pick();
    const getParams = db.entities.contract.get({ contract_id: id }).params();
    const sample = i >= iterations / 10; // the first tenth warms connections and JIT
    const httpGet = await time(() => check(`/api/contracts/${id}`));
    const appGet = await time(() => check(`/api/contracts/${id}`, "app"));
    const rawGet = await time(() => document.send(new GetCommand(getParams)));
    const httpList = await time(() => check(`/api/contracts?limit=${PAGE}`));
    const appList = await time(() => check(`/api/contracts?limit=${PAGE}`, "app"));
    const rawList = await time(() => document.send(new QueryCommand(listParams)));
    if (sample) {
      result.httpGet.push(httpGet);
      result.appGet.push(appGet);
      result.rawGet.push(rawGet);
      result.httpList.push(httpList);
      result.appList.push(appList);
      result.rawList.push(rawList);
    }
  }
  return result;
}

const TYPES = ["SERVICE", "SUPPLY", "LICENSE", "LEASE", "MAINTENANCE", "CONSULTING", "EMPLOYMENT", "OTHER"] as const;

/** A realistic spread: end dates over ten years, a thousand clients, some suspended; stored with its derived term, as every write stores it. */
function syntheticContract(n: number) {
  const now = new Date().toISOString();
  const end = new Date(Date.UTC(2026, 0, 1) + Math.floor(Math.random() * 3650) * 86_400_000).toISOString().slice(0, 10);
  return withTerm({
    contract_id: newId("CT"),
    client_id: `CL${String(n % 1000).padStart(8, "0")}BENCH`,
    title: `Synthetic contract ${n}`,
    contract_type: TYPES[n % TYPES.length]!,
    status: n % 10 === 0 ? ("SUSPENDED" as const) : ("ACTIVE" as const),
    start_date: "2025-01-01",
    end_date: end,
    value: 1000 + (n % 90_000),
    currency: "EUR",
    notice_period_days: 30,
    version: 1,
    created_at: now,
    updated_at: now,
  });
}

/**
 * Puts `count` synthetic contracts with BatchWriteItem (ElectroDB's batch
 * put: 25 items per call, `concurrency` calls in flight), retrying what
 * DynamoDB leaves unprocessed. Stops early once `budgetMs` is spent.
 */
export async function loadContracts(count: number, budgetMs: number, concurrency = 8): Promise<{ ids: string[]; ms: number }> {
  const started = performance.now();
  const ids: string[] = [];
  const CHUNK = 2_500;
  for (let done = 0; done < count && performance.now() - started < budgetMs; done += CHUNK) {
    let items = Array.from({ length: Math.min(CHUNK, count - done) }, (_, i) => syntheticContract(done + i));
    for (const item of items) ids.push(item.contract_id);
    for (let attempt = 0; items.length > 0; attempt++) {
      const { unprocessed } = await db.entities.contract.put(items).go({ concurrency });
      if (unprocessed.length === 0 || attempt > 10) break;
      const left = new Set(unprocessed.map((key) => key.contract_id));
      items = items.filter((item) => left.has(item.contract_id));
    }
  }
  return { ids, ms: performance.now() - started };
}
