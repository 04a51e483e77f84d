/**
 * Where an import's CPU time goes: the bundle imported by fresh `node
 * --cpu-prof` processes, each sample's function traced back through the
 * chunk's source map to the package (or our module) it came from.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { SourceMap } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Bundle } from "./bundle";
import { runNode } from "./node-child";
import { median } from "./stats";

interface CpuProfile {
  nodes: { id: number; callFrame: { url: string; lineNumber: number; columnNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/** A source path as the package it belongs to (`electrodb`, `@smithy/core`), or our module (`packages/core`). */
export function ownerOf(source: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  if (pkg) return pkg[1]!;
  const ours = /(packages\/[^/]+|bench\/fixtures)\//.exec(source);
  return ours ? ours[1]! : source;
}

function attribute(profile: CpuProfile): Map<string, number> {
  const maps = new Map<string, SourceMap | null>();
  const selfMs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const byOwner = new Map<string, number>();
  for (const { id, callFrame } of profile.nodes) {
    const ms = selfMs.get(id);
    if (!ms) continue;
    let owner: string;
    if (!callFrame.url) owner = "V8 (compile, GC, native)";
    else if (!callFrame.url.startsWith("file:")) owner = "Node.js (module loader, bootstrap)";
    // A chunk's modules run their top-level code inline in one function that starts the chunk.
    else if (callFrame.lineNumber === 0 && callFrame.columnNumber === 0) owner = "top-level code of bundled modules";
    else {
      const file = fileURLToPath(callFrame.url);
      if (!maps.has(file)) {
        try {
          maps.set(file, new SourceMap(JSON.parse(readFileSync(`${file}.map`, "utf8"))));
        } catch {
          maps.set(file, null);
        }
      }
      const entry = maps.get(file)?.findEntry(callFrame.lineNumber, callFrame.columnNumber) as { originalSource?: string } | undefined;
      owner = entry?.originalSource ? ownerOf(entry.originalSource) : "bundle (runtime helpers)";
    }
    byOwner.set(owner, (byOwner.get(owner) ?? 0) + ms);
  }
  return byOwner;
}

/** CPU milliseconds of one import of `target`, by owner, from one profiled process. */
export async function profileImport(target: Bundle, env: Record<string, string>): Promise<Map<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), "testex-bench-profile-"));
  try {
    const child = await runNode(`await import(${JSON.stringify(pathToFileURL(target.file).href)});`, env, 60_000, false, ["--cpu-prof", `--cpu-prof-dir=${dir}`]);
    if (child.code !== 0) throw new Error(`profiling ${target.name} failed:\n${child.stderr.slice(-2000)}`);
    return attribute(JSON.parse(readFileSync(join(dir, readdirSync(dir)[0]!), "utf8")) as CpuProfile);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Per owner, the median over several profiles (an owner absent from a profile counts as 0 there). */
export function medianProfile(profiles: Map<string, number>[]): Map<string, number> {
  const owners = new Set(profiles.flatMap((p) => [...p.keys()]));
  return new Map([...owners].map((owner) => [owner, median(profiles.map((p) => p.get(owner) ?? 0))]));
}

/** What `profile` spends beyond `floor`, largest first (owners that cost more than 0.5 ms more). */
export function beyond(profile: Map<string, number>, floor: Map<string, number>, top = 5): { owner: string; ms: number }[] {
  return [...profile]
    .map(([owner, ms]) => ({ owner, ms: ms - (floor.get(owner) ?? 0) }))
    .filter((d) => d.ms > 0.5)
    .sort((a, b) => b.ms - a.ms)
    .slice(0, top);
}
