/**
 * 6. Memory of each Lambda: its bundle imported by a fresh `node` process
 * and invoked on a representative event (once cold, then warm a number of
 * times), peak RSS as the OS counts it (what Lambda's "Max Memory Used" reports).
 */
import { pathToFileURL } from "node:url";
import { eventFor, lambdaContext, type EventInputs } from "./fixtures/events";
import { HANDLERS, bundle, type HandlerName } from "./lib/bundle";
import { runNode } from "./lib/node-child";
import type { Row } from "./lib/report";

/** Request handlers run many small invocations; the scheduled jobs one long one over the whole table. */
const INVOCATIONS: Record<HandlerName, number> = { api: 50, processor: 50, "file-handler": 50, notifier: 50, scheduler: 1, "db-manager": 1 };
const SIZES = [128, 256, 512, 1024, 1536, 2048];

export interface Peak {
  name: HandlerName;
  peakMb: number;
  error?: string;
}

const invoker = (file: string, name: HandlerName) => `
const { handler } = await import(${JSON.stringify(pathToFileURL(file).href)});
const event = JSON.parse(process.env.BENCH_EVENT);
const context = { ...${JSON.stringify(lambdaContext(name))}, getRemainingTimeInMillis: () => 30000 };
let error = null;
for (let i = 0; i < ${INVOCATIONS[name]}; i++) {
  try {
    const result = await handler(structuredClone(event), context);
    if (result && typeof result.statusCode === "number" && result.statusCode >= 400) { error = "answered " + result.statusCode; break; }
  } catch (e) { error = String(e && e.message || e); break; }
}
console.log(JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS, error }));
`;

export async function measureLambdaPeaks(env: Record<string, string>, inputs: EventInputs, outDir: string): Promise<Peak[]> {
  const peaks: Peak[] = [];
  for (const [name, entry] of Object.entries(HANDLERS) as [HandlerName, string][]) {
    const { file } = await bundle(name, entry, outDir);
    const run = await runNode(invoker(file, name), { ...env, LOG_LEVEL: "WARN", BENCH_EVENT: JSON.stringify(eventFor(name, inputs)) }, 300_000);
    const line = run.stdout.trim().split("\n").pop() ?? "";
    try {
      const { maxRssKb, error } = JSON.parse(line) as { maxRssKb: number; error: string | null };
      peaks.push({ name, peakMb: maxRssKb / 1024, error: error ?? undefined });
    } catch {
      peaks.push({ name, peakMb: NaN, error: `did not run: ${run.stderr.slice(-300)}` });
    }
  }
  return peaks;
}

/**
 * The smallest standard size that keeps peak RSS under two thirds of the
 * setting (room for bigger payloads and GC), never below 256 MB: Lambda
 * gives CPU in proportion to memory, and at 128 MB a 700 KB bundle's
 * import alone takes several times longer.
 */
export const memoryFloor = (peakMb: number) => SIZES.find((size) => size >= 256 && peakMb <= (size * 2) / 3) ?? SIZES.at(-1)!;

export function peakRows(peaks: Peak[]): Row[] {
  return peaks.map(({ name, peakMb, error }) => ({
    section: "6 memory",
    item: `${name} Lambda peak RSS`,
    figure: Number.isNaN(peakMb) ? "not measured" : `${Math.round(peakMb)} MB`,
    target: Number.isNaN(peakMb) ? "–" : `setting ≥ ${memoryFloor(peakMb)} MB`,
    pass: null,
    note: [`${INVOCATIONS[name]} invocation(s) on a representative event`, error && `handler error: ${error.slice(0, 120)}`].filter(Boolean).join("; "),
  }));
}
