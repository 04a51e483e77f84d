/**
 * 8. Spreadsheet import: 10,000 contract rows of a CSV through the import
 * (the code `npm run import` and `POST /api/imports` run), on the local
 * stack. Rows per second, and the process's peak RSS beside the peak for
 * 1,000 rows: the rows are streamed, so ten times the file must not mean ten
 * times the memory.
 */
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startStack } from "@testex/local/stack";
import { emit, type Row } from "./lib/report";

const SECTION = "8 import";
const SMALL = 1_000;
const LARGE = Number(process.env.BENCH_IMPORT_N ?? 10_000);
/** The large file's peak may exceed the small one's by this much: the rows are streamed. */
const MAX_RSS_GROWTH = 1.5;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), "testex-bench-import-"));
  const stack = await startStack({ stage: "bench", dataDir, persistent: false });
  try {
    Object.assign(process.env, stack.env);
    process.env.LOG_LEVEL = "WARN";
    // Imported only now: core reads its links from the environment set above.
    const { Client, Import, systemActor, withContext } = await import("@testex/core");
    const measure = (rows: number) =>
      withContext({ actor: systemActor("bench"), requestId: crypto.randomUUID() }, async () => {
        const client = await Client.create({ name: "Bench Ltd", email: `bench-${rows}-${Date.now()}@bench.example` });
        const file = join(dataDir, `contracts-${rows}.csv`);
        const lines = ["external_ref,client_id,title,contract_type,start_date,end_date,value"];
        for (let i = 0; i < rows; i++) lines.push(`bench-${rows}-${i},${client.client_id},Service ${i},SERVICE,2026-01-01,2027-12-31,${1000 + i}`);
        writeFileSync(file, lines.join("\n"));
        global.gc?.();
        const base = process.memoryUsage().rss;
        let peak = base;
        const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
        const started = performance.now();
        const summary = await Import.run(createReadStream(file), { file: "bench.csv", kind: "csv", digest: await Import.digestOf(createReadStream(file)), mapping: {}, dryRun: false, createClients: false });
        const seconds = (performance.now() - started) / 1000;
        clearInterval(sampler);
        if (summary.create !== rows) throw new Error(`imported ${summary.create} of ${rows} rows`);
        return { rowsPerSecond: rows / seconds, seconds, peak, growth: peak - base };
      });
    const small = await measure(SMALL);
    const large = await measure(LARGE);
    const rows: Row[] = [
      { section: SECTION, item: `${LARGE} CSV rows imported`, figure: `${Math.round(large.rowsPerSecond)} rows/s`, target: "–", pass: null, note: `${large.seconds.toFixed(1)} s; ${SMALL} rows: ${Math.round(small.rowsPerSecond)} rows/s` },
      {
        section: SECTION,
        item: `peak RSS, ${LARGE} rows vs ${SMALL}`,
        figure: `${mb(large.peak)} vs ${mb(small.peak)}`,
        target: `≤ ${MAX_RSS_GROWTH}×`,
        pass: large.peak <= small.peak * MAX_RSS_GROWTH,
        note: `growth during the import: ${mb(large.growth)} vs ${mb(small.growth)}`,
      },
    ];
    emit({ rows, details: { small, large } });
  } finally {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
