/**
 * 1. Cold start: every Lambda bundled as SST bundles it, imported by a fresh
 * `node` process, against two references bundled the same way and measured
 * in the same run: the floor of its kind (its trigger's handler reading one
 * ElectroDB entity, bench/fixtures/floor/) and a hello-world Hono handler.
 * Rounds alternate between bundles so background load hits all alike; every
 * figure is a ratio of medians.
 *
 * Two environments. Bare (PATH and HOME only, as in a Lambda sandbox) is how
 * the floor target is judged. The machine's own environment is how the
 * earlier hello-world reference points were taken: here its
 * NODE_EXTRA_CA_CERTS makes every Node start read a CA file, a constant that
 * shrinks every ratio. Both are shown.
 *
 * Then each bundle is imported under `--cpu-prof` (bare) and its CPU time
 * attributed, through the source maps, to packages: a row's note names what
 * it spends beyond its floor, and the esbuild metafile the bytes it adds.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { localEnvironment, localResources } from "@testex/local/environment";
import { BASELINE, FLOORS, FLOOR_OF, HANDLERS, bundle, heaviestPackages, type Bundle, type FloorKind, type HandlerName } from "./lib/bundle";
import { runNode } from "./lib/node-child";
import { beyond, medianProfile, profileImport } from "./lib/profile";
import { emit, type Row } from "./lib/report";
import { median, round } from "./lib/stats";

const ROUNDS = Number(process.env.BENCH_COLD_ROUNDS ?? 21);
const PROFILES = Number(process.env.BENCH_COLD_PROFILES ?? 5);
/** The issue's target: every Lambda within 1.1× of its floor, bare environment. */
const MAX_FLOOR_RATIO = 1.1;
/** The earlier target against hello-world, machine environment. */
const MAX_HELLO_RATIO = 2.6;
const MAX_API_BYTES = 1024 * 1024;
const SECTION = "1 cold start";

// What a deployed function sees; nothing is contacted at import, so the endpoints need not answer.
const lambdaEnv = localEnvironment(
  { dynamo: "http://127.0.0.1:9", s3: "http://127.0.0.1:9", ses: "http://127.0.0.1:9", sqs: "http://127.0.0.1:9" },
  localResources("bench", "http://127.0.0.1:9"),
);

type Env = "bare" | "machine";

async function importTime(target: Bundle, env: Env): Promise<number> {
  const run = await runNode(`await import(${JSON.stringify(pathToFileURL(target.file).href)});`, lambdaEnv, 60_000, env === "machine");
  if (run.code !== 0) throw new Error(`importing ${target.name} failed:\n${run.stderr.slice(-2000)}`);
  return run.ms;
}

const kb = (bytes: number) => `${round(bytes / 1024, 0)} KB`;
const times = (ratio: number) => `${round(ratio)}×`;

async function main() {
  const outDir = mkdtempSync(join(tmpdir(), "testex-bench-bundles-"));
  try {
    const hello = await bundle(BASELINE.name, BASELINE.entry, outDir);
    const floorList = await Promise.all(Object.entries(FLOORS).map(([kind, entry]) => bundle(`${kind} floor`, entry, join(outDir, "floor"))));
    const floors = new Map(Object.keys(FLOORS).map((kind, i) => [kind as FloorKind, floorList[i]!]));
    const handlers = await Promise.all(Object.entries(HANDLERS).map(([name, entry]) => bundle(name, entry, outDir)));
    const all = [hello, ...floorList, ...handlers];

    const samples = { bare: new Map<string, number[]>(), machine: new Map<string, number[]>() };
    for (const b of all) for (const env of ["bare", "machine"] as const) samples[env].set(b.name, []);
    for (const b of all) await importTime(b, "bare"); // warm the file cache
    for (let round = 0; round < ROUNDS; round++) {
      for (const b of round % 2 ? [...all].reverse() : all) {
        for (const env of ["bare", "machine"] as const) samples[env].get(b.name)!.push(await importTime(b, env));
      }
    }
    const ms = (b: Bundle, env: Env) => median(samples[env].get(b.name)!);

    // Profiled processes alternate between bundles too; per owner, the median of the runs.
    const runs = new Map<string, Map<string, number>[]>(all.map((b) => [b.name, []]));
    for (let round = 0; round < PROFILES; round++) {
      for (const b of round % 2 ? [...all].reverse() : all) runs.get(b.name)!.push(await profileImport(b, lambdaEnv));
    }
    const profiles = new Map([...runs].map(([name, list]) => [name, medianProfile(list)]));

    const rows: Row[] = [
      {
        section: SECTION,
        item: `${hello.name} (reference)`,
        figure: `${round(ms(hello, "bare"), 0)} ms bare, ${round(ms(hello, "machine"), 0)} ms machine env; ${kb(hello.bytes)}`,
        target: "–",
        pass: null,
        note: `median of ${ROUNDS} whole-process imports each, alternating; CPU profiles: ${PROFILES} per bundle`,
      },
    ];
    for (const [kind, floor] of floors) {
      rows.push({
        section: SECTION,
        item: `${floor.name} (reference)`,
        figure: `${round(ms(floor, "bare"), 0)} ms bare (${times(ms(floor, "bare") / ms(hello, "bare"))} hello); ${kb(floor.bytes)} at start`,
        target: "–",
        pass: null,
        note: `machine env ${round(ms(floor, "machine"), 0)} ms (${times(ms(floor, "machine") / ms(hello, "machine"))} hello); bench/fixtures/floor/${kind}.ts`,
      });
    }

    const details: Record<string, unknown> = { rounds: ROUNDS, profiles: PROFILES, ms: Object.fromEntries(all.map((b) => [b.name, { bare: ms(b, "bare"), machine: ms(b, "machine") }])) };
    for (const b of handlers) {
      const floor = floors.get(FLOOR_OF[b.name as HandlerName])!;
      const floorRatio = { bare: ms(b, "bare") / ms(floor, "bare"), machine: ms(b, "machine") / ms(floor, "machine") };
      const helloRatio = { bare: ms(b, "bare") / ms(hello, "bare"), machine: ms(b, "machine") / ms(hello, "machine") };
      const cpu = beyond(profiles.get(b.name)!, profiles.get(floor.name)!);
      const top = heaviestPackages(b, 8);
      const floorTop = new Map(heaviestPackages(floor, 50).map((t) => [t.module, t.kb]));
      const addedBytes = top.map((t) => ({ module: t.module, kb: t.kb - (floorTop.get(t.module) ?? 0) })).filter((t) => t.kb > 0);
      details[b.name] = { floor: floor.name, floorRatio, helloRatio, bytes: b.bytes, totalBytes: b.totalBytes, cpuBeyondFloor: cpu, addedBytes };
      const floorPass = floorRatio.bare <= MAX_FLOOR_RATIO;
      rows.push(
        {
          section: SECTION,
          item: `${b.name} vs ${floor.name}`,
          figure: `${times(floorRatio.bare)} bare (${round(ms(b, "bare"), 0)} vs ${round(ms(floor, "bare"), 0)} ms); ${times(floorRatio.machine)} machine env`,
          target: `≤ ${MAX_FLOOR_RATIO}× (bare)`,
          pass: floorPass,
          note: cpu.length ? `CPU beyond the floor: ${cpu.map((c) => `${c.owner} +${round(c.ms, 1)} ms`).join(", ")}` : "no CPU beyond the floor above 0.5 ms",
        },
        {
          section: SECTION,
          item: `${b.name} vs ${hello.name}`,
          figure: `${times(helloRatio.machine)} machine env (${round(ms(b, "machine"), 0)} ms); ${times(helloRatio.bare)} bare`,
          target: `≤ ${MAX_HELLO_RATIO}× (machine env)`,
          pass: helloRatio.machine <= MAX_HELLO_RATIO,
        },
        {
          section: SECTION,
          item: `${b.name} bytes at start`,
          figure: `${kb(b.bytes)} (${floor.name} ${kb(floor.bytes)}; ${kb(b.totalBytes)} in all)`,
          target: b.name === "api" ? "≤ 1024 KB" : "–",
          pass: b.name === "api" ? b.bytes <= MAX_API_BYTES : null,
          note: addedBytes.length ? `beyond the floor: ${addedBytes.map((t) => `${t.module} +${t.kb} KB`).join(", ")}` : undefined,
        },
      );
    }
    emit({ rows, details });
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

await main();
