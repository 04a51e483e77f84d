/**
 * 5. Sustained load and 6. memory of the local API process: `npm start`'s
 * stack started as a child on free ports with a throwaway data directory,
 * 60 s of mixed traffic at concurrency 50, then a check that every
 * acknowledged write is in the table and every termination left exactly one
 * audit entry per step, one backup (the contract's snapshot and its letter)
 * and one set of notices.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { STREAM_SUBSCRIPTION } from "@testex/stage/event-sources";
import { localEnvironment, localIssuer, localResources } from "@testex/local/environment";
import { oidcKeysFile } from "@testex/local/oidc-keys";
import { repoRoot } from "@testex/local/paths";
import { freePort } from "@testex/aws-local/process";
import { apiClient, clientInput, contractInput, isMissingRoute, today, type Reply, type Request } from "./lib/http";
import { emit, notMeasured, type Row } from "./lib/report";
import { percentile, round } from "./lib/stats";

const DURATION_MS = Number(process.env.BENCH_LOAD_SECONDS ?? 60) * 1000;
const CONCURRENCY = Number(process.env.BENCH_LOAD_CONCURRENCY ?? 50);
const APPROVAL_THRESHOLD = 50_000;
const section = "5 sustained load";

type Op = "create" | "read" | "list" | "update" | "terminate" | "approve";
/** Share of each operation in the traffic (approvals follow terminations that need one). */
const MIX: [Exclude<Op, "approve">, number][] = [
  ["create", 15],
  ["read", 35],
  ["list", 20],
  ["update", 20],
  ["terminate", 10],
];
/** What each operation may answer: success, or 409 where concurrent requests race for the same contract. */
const EXPECTED: Record<Op, number[]> = {
  create: [201],
  read: [200],
  list: [200],
  update: [200, 409],
  terminate: [201, 409],
  approve: [200, 409],
};

interface Known {
  version: number;
  value: number;
  /** A termination was asked for (by us): no more updates or terminations are sent for it. */
  ending: boolean;
}

async function startLocalStack(dataDir: string) {
  const ports = { api: await freePort(), dynamo: await freePort(), s3: await freePort(), ses: await freePort(), sqs: await freePort(), oidc: await freePort() };
  // One process (no tsx wrapper), so its peak RSS is the API's and the workers'.
  const child = spawn(process.execPath, ["--import", "tsx/esm", join(repoRoot, "packages/local/src/start.ts")], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(ports.api),
      TESTEX_DYNAMODB_PORT: String(ports.dynamo),
      TESTEX_S3_PORT: String(ports.s3),
      TESTEX_SES_PORT: String(ports.ses),
      TESTEX_SQS_PORT: String(ports.sqs),
      TESTEX_OIDC_PORT: String(ports.oidc),
      TESTEX_DATA_DIR: dataDir,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let tail = "";
  const keep = (chunk: Buffer) => void (tail = (tail + chunk.toString()).slice(-4000));
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const base = `http://127.0.0.1:${ports.api}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited:\n${tail}`);
    const up = await fetch(`${base}/health`).then((r) => r.ok, () => false);
    if (up) break;
    if (Date.now() > deadline) throw new Error(`npm start did not come up:\n${tail}`);
    await sleep(250);
  }
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
    });
  /** Peak resident memory of the API process so far (Linux), in MB. */
  const peakRssMb = () => {
    try {
      const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
      return hwm ? Number(hwm[1]) / 1024 : NaN;
    } catch {
      return NaN;
    }
  };
  /** CPU seconds the API process has used so far (Linux): tells whether it or DynamoDB Local is the bottleneck. */
  const cpuSeconds = () => {
    try {
      const fields = readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      return (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      return NaN;
    }
  };
  return { base, ports, stop, peakRssMb, cpuSeconds };
}

function pickOp(): Exclude<Op, "approve"> {
  let roll = Math.random() * MIX.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [op, weight] of MIX) if ((roll -= weight) < 0) return op;
  return "read";
}

async function drive(request: Request, clients: string[], known: Map<string, Known>) {
  const latencies: Record<Op, number[]> = { create: [], read: [], list: [], update: [], terminate: [], approve: [] };
  const unexpected = new Map<string, number>();
  const conflicts: Partial<Record<Op, number>> = {};
  const terminated = new Set<string>();
  let terminationRoute = true;
  let completed = 0;
  const ids = [...known.keys()];
  const randomId = () => ids[Math.floor(Math.random() * ids.length)]!;
  const note = (op: Op, reply: Reply) => {
    completed++;
    latencies[op].push(reply.ms);
    if (reply.status === 409) conflicts[op] = (conflicts[op] ?? 0) + 1;
    if (!EXPECTED[op].includes(reply.status)) {
      const key = `${op} → ${reply.status} ${reply.body?.code ?? ""}`.trim();
      unexpected.set(key, (unexpected.get(key) ?? 0) + 1);
    }
  };

  const operations: Record<Exclude<Op, "approve">, () => Promise<void>> = {
    create: async () => {
      const value = 1_000 + Math.floor(Math.random() * 99_000);
      const reply = await request("POST", "/api/contracts", { body: contractInput(clients[Math.floor(Math.random() * clients.length)]!, value) });
      note("create", reply);
      if (reply.status === 201) {
        known.set(reply.body.contract_id, { version: reply.body.version, value, ending: false });
        ids.push(reply.body.contract_id);
      }
    },
    read: async () => note("read", await request("GET", `/api/contracts/${randomId()}`, { as: "viewer" })),
    list: async () => {
      const filters = ["", "&status=ACTIVE", "&status=TERMINATED", `&ending_after=${today()}`];
      note("list", await request("GET", `/api/contracts?limit=25${filters[Math.floor(Math.random() * filters.length)]}`, { as: "viewer" }));
    },
    update: async () => {
      const id = randomId();
      const contract = known.get(id)!;
      if (contract.ending) return operations.read();
      const reply = await request("PUT", `/api/contracts/${id}`, { body: { title: `Renamed ${Date.now()}` }, headers: { "if-match": `"${contract.version}"` } });
      note("update", reply);
      if (reply.status === 200) contract.version = Math.max(contract.version, reply.body.version);
      if (reply.status === 409 && typeof reply.body?.current_version === "number") contract.version = Math.max(contract.version, reply.body.current_version);
    },
    terminate: async () => {
      const id = randomId();
      const contract = known.get(id)!;
      if (!terminationRoute || contract.ending) return operations.read();
      contract.ending = true;
      // Mutual agreement may end a contract today, so the whole process (approval, backup, notices) runs within the test.
      const reply = await request("POST", `/api/contracts/${id}/termination`, { body: { reason: "MUTUAL_AGREEMENT", effective_date: today() } });
      if (isMissingRoute(reply)) {
        terminationRoute = false;
        return;
      }
      note("terminate", reply);
      if (reply.status !== 201) return;
      terminated.add(id);
      if (reply.body?.status === "PENDING_APPROVAL") {
        note("approve", await request("POST", `/api/contracts/${id}/termination/approve`, { as: "approver" }));
      }
    },
  };

  const started = performance.now();
  const worker = async () => {
    while (performance.now() - started < DURATION_MS) {
      try {
        await operations[pickOp()]();
      } catch (error) {
        const key = `network error: ${(error as Error).message}`;
        unexpected.set(key, (unexpected.get(key) ?? 0) + 1);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  return { latencies, unexpected, conflicts, terminated, terminationRoute, completed, seconds };
}

/** Reads the stack's table and buckets directly, as the system's own code would. */
async function verify(ports: { dynamo: number; s3: number; ses: number; sqs: number; oidc: number }, known: Map<string, Known>, terminated: Set<string>) {
  const endpoint = (port: number) => `http://127.0.0.1:${port}`;
  Object.assign(process.env, localEnvironment({ dynamo: endpoint(ports.dynamo), s3: endpoint(ports.s3), ses: endpoint(ports.ses), sqs: endpoint(ports.sqs) }, localResources("local", endpoint(ports.oidc))));
  const { db } = await import("@testex/core/entities");
  const { backupKey } = await import("@testex/core/termination/backup");
  const { S3Client, paginateListObjectsV2 } = await import("@aws-sdk/client-s3");

  let missing = 0;
  let stale = 0;
  for (const [contract_id, expected] of known) {
    const { data } = await db.entities.contract.get({ contract_id }).go();
    if (!data) missing++;
    else if (data.version < expected.version) stale++;
  }

  const checks = { terminations: terminated.size, completed: 0, auditOk: 0, backupOk: 0, noticesOk: 0, problems: [] as string[], drainSeconds: 0, pendingAtEnd: 0 };
  if (terminated.size === 0) return { missing, stale, checks };

  const s3 = new S3Client({ forcePathStyle: true });
  const backups = async () => {
    const keys: string[] = [];
    for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: localResources("local", endpoint(ports.oidc)).buckets.backups })) {
      keys.push(...(page.Contents ?? []).map((o) => o.Key ?? ""));
    }
    return keys;
  };
  // The stream processor works after the requests are answered: wait until no outbox event is
  // still pending (each is DONE or, after its retries, DEAD), for five minutes at the most.
  const pending = async () => (await db.entities.outbox.query.byStatus({ status: "PENDING" }).go({ limit: 1 })).data.length > 0;
  checks.pendingAtEnd = (await db.entities.outbox.query.byStatus({ status: "PENDING" }).go({ pages: "all", attributes: ["event_id"] })).data.length;
  const waitedFrom = Date.now();
  while ((await pending()) && Date.now() - waitedFrom < 300_000) await sleep(1000);
  checks.drainSeconds = Math.round((Date.now() - waitedFrom) / 1000);
  const keys = await backups();
  // A scan, but only here in the benchmark's check: notices have no index by contract.
  const { data: notices } = await db.entities.notification.scan.go({ pages: "all" });

  for (const contract_id of terminated) {
    const { data: contract } = await db.entities.contract.get({ contract_id }).go();
    if (contract?.status !== "TERMINATED") continue;
    checks.completed++;
    const { data: trail } = await db.entities.audit.query.byTrail({ trail: contract_id }).go({ pages: "all" });
    const steps = trail.filter((entry) => /terminat/i.test(entry.action)).map((entry) => entry.action);
    if (steps.length > 0 && new Set(steps).size === steps.length) checks.auditOk++;
    else checks.problems.push(`${contract_id}: termination audit steps ${JSON.stringify(steps)}`);
    // A completed termination backs up two objects: the contract as it was before (its snapshot)
    // and the termination letter, the contract's one generated document.
    const copies = keys.filter((key) => key.startsWith(`contracts/${contract_id}/`));
    const snapshots = copies.filter((key) => key === backupKey(contract_id, Number(/\/(\d+)\.json$/.exec(key)?.[1])));
    const { data: files } = await db.entities.file.query.byId({ contract_id }).go({ pages: "all" });
    const letters = files.filter((file) => file.kind === "termination_letter");
    const backedUp = letters.filter((letter) => copies.includes(letter.object_key));
    if (snapshots.length === 1 && letters.length === 1 && backedUp.length === 1 && copies.length === 2) checks.backupOk++;
    else checks.problems.push(`${contract_id}: backups ${JSON.stringify(copies)}, ${letters.length} letter(s) (want the contract's snapshot and its letter)`);
    // One notice per template, recipients and contract status: a status update at each step is expected, a repeat is not.
    const sent = notices
      .filter((n) => n.contract_id === contract_id)
      .map((n) => `${n.template}→${n.to.join(",")}@${(n.props as { status?: string }).status ?? ""}`);
    if (sent.length > 0 && new Set(sent).size === sent.length) checks.noticesOk++;
    else checks.problems.push(`${contract_id}: notices ${JSON.stringify(sent)}`);
  }
  return { missing, stale, checks };
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), "testex-bench-stack-"));
  const stack = await startLocalStack(dataDir);
  const rows: Row[] = [];
  const details: Record<string, unknown> = {};
  try {
    const issuer = `http://127.0.0.1:${stack.ports.oidc}`;
    const request = await apiClient(stack.base, { oidc: localIssuer(issuer), keysFile: oidcKeysFile(dataDir) });
    const clients: string[] = [];
    const known = new Map<string, Known>();
    for (let i = 0; i < 10; i++) clients.push((await request("POST", "/api/clients", { body: clientInput() })).body.client_id);
    for (let i = 0; i < 200; i++) {
      const value = i % 4 === 0 ? APPROVAL_THRESHOLD * 2 : 10_000;
      const reply = await request("POST", "/api/contracts", { body: contractInput(clients[i % clients.length]!, value) });
      known.set(reply.body.contract_id, { version: 1, value, ending: false });
    }

    const cpuBefore = stack.cpuSeconds();
    const run = await drive(request, clients, known);
    const apiCpu = stack.cpuSeconds() - cpuBefore;
    const all = Object.values(run.latencies).flat();
    const bad = [...run.unexpected.values()].reduce((a, b) => a + b, 0);
    rows.push(
      { section, item: `throughput (c=${CONCURRENCY}, ${round(run.seconds, 0)} s, mixed)`, figure: `${round(run.completed / run.seconds, 0)} req/s`, target: "–", pass: null, note: `${run.completed} requests` },
      {
        section,
        item: "latency p50 / p99 (all requests)",
        figure: `${round(percentile(all, 50), 1)} / ${round(percentile(all, 99), 1)} ms`,
        target: "–",
        pass: null,
        note: Number.isNaN(apiCpu) ? undefined : `API process busy ${Math.round((100 * apiCpu) / run.seconds)}% of one core`,
      },
      {
        section,
        item: "unexpected responses",
        figure: String(bad),
        target: "0 (only 2xx, 409 on races)",
        pass: bad === 0,
        note: bad ? [...run.unexpected].map(([k, n]) => `${k} ×${n}`).join("; ") : undefined,
      },
    );
    for (const [op, samples] of Object.entries(run.latencies)) {
      if (samples.length === 0) continue;
      rows.push({
        section,
        item: `  ${op} p50 / p99`,
        figure: `${round(percentile(samples, 50), 1)} / ${round(percentile(samples, 99), 1)} ms`,
        target: "–",
        pass: null,
        note: `${samples.length} requests${run.conflicts[op as Op] ? `, ${run.conflicts[op as Op]} answered 409 (race)` : ""}`,
      });
    }
    const peak = stack.peakRssMb();
    rows.push({
      section: "6 memory",
      item: "local API process peak RSS (load run)",
      figure: Number.isNaN(peak) ? "not measured" : `${Math.round(peak)} MB`,
      target: "–",
      pass: null,
      note: "API + in-process workers of npm start; stand-ins are separate processes",
    });

    const checked = await verify(stack.ports, known, run.terminated);
    rows.push({
      section,
      item: `acknowledged writes in the table (${known.size} contracts)`,
      figure: `${checked.missing} missing, ${checked.stale} behind`,
      target: "0 missing, 0 behind",
      pass: checked.missing === 0 && checked.stale === 0,
    });
    if (!run.terminationRoute) {
      rows.push(notMeasured(section, "each termination: 1 audit entry per step, 1 backup, 1 set of notices", "all", "termination route not in this build"));
    } else {
      const c = checked.checks;
      rows.push({
        section,
        item: `terminations: ${c.terminations} acknowledged, ${c.completed} completed`,
        figure: `audit ${c.auditOk}/${c.completed}, backup (snapshot + letter) ${c.backupOk}/${c.completed}, notices ${c.noticesOk}/${c.completed}`,
        target: "all exactly once",
        pass: c.completed > 0 && c.auditOk === c.completed && c.backupOk === c.completed && c.noticesOk === c.completed,
        note: c.problems.slice(0, 3).join("; ") || undefined,
      });
      rows.push({
        section,
        item: "effects drained after the load (stream → processor)",
        figure: `${c.drainSeconds} s for ${c.pendingAtEnd} outbox events pending at the end`,
        target: "–",
        pass: null,
        note:
          "locally one reader polls DynamoDB Local's one shard and hands the processor one batch at a time, in the API's process; " +
          `infra: batch size ${STREAM_SUBSCRIPTION.batchSize}, parallelization factor ${(STREAM_SUBSCRIPTION as { parallelizationFactor?: number }).parallelizationFactor ?? "1 (not set: AWS's default)"} per shard`,
      });
      details.terminationProblems = c.problems;
    }
  } finally {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  emit({ rows, details });
}

await main();
process.exit(0);
