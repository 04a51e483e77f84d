/**
 * Build results kept on disk under a hash of what they are made from: the
 * console's build, the infra's synthesis. Test files run in processes of their
 * own, and `npm start` in another, so a cache in memory would build the same
 * thing once per process; with this, a run builds each at most once (the first
 * process to ask builds while the others wait for it), and a run in which
 * none of the inputs changed reuses the last.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { repoRoot } from "./paths";
import { isAlive } from "@testex/aws-local/process";

/** Where the results live: beside the installed modules, so a fresh install starts clean. */
export const cacheDir = (kind: string) => path.join(repoRoot, "node_modules/.cache/testex", kind);

/** Never inputs: installed modules, builds, tests. */
const SKIP = /(^|\/)(node_modules|dist|\.vite)(\/|$)|\.test\.tsx?$|(^|\/)test\//;

function filesOf(entry: string): string[] {
  const full = path.join(repoRoot, entry);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [entry];
  return readdirSync(full, { recursive: true, encoding: "utf8" })
    .map((name) => path.posix.join(entry, name.split(path.sep).join("/")))
    .filter((name) => !SKIP.test(name) && statSync(path.join(repoRoot, name)).isFile())
    .sort();
}

/** A short hash of `extra` (settings, a stage name) and of the content of every file under `entries` (relative to the repo). */
export function inputsHash(entries: string[], extra: string): string {
  const hash = createHash("sha256").update(`${extra}\0node ${process.versions.node.split(".")[0]}\0`);
  for (const file of entries.flatMap(filesOf)) hash.update(`${file}\0`).update(readFileSync(path.join(repoRoot, file))).update("\0");
  return hash.digest("hex").slice(0, 24);
}

/**
 * The path of `name` in `dir`, made by `make(into)` unless it is there already. `make` writes a
 * file or a directory at `into`, which is then renamed into place, so nobody sees half a result;
 * a lock directory holding the maker's pid keeps two processes from making it at once.
 */
export async function onDisk(dir: string, name: string, make: (into: string) => Promise<void>): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const result = path.join(dir, name);
  const lock = `${result}.lock`;
  for (;;) {
    if (existsSync(result)) return result;
    try {
      mkdirSync(lock);
    } catch {
      // Another process is making it: wait for the result, or take over if that process died.
      let owner = 0;
      try {
        owner = Number(readFileSync(path.join(lock, "pid"), "utf8"));
      } catch {
        // not written yet, or just released
      }
      if (owner && !isAlive(owner)) rmSync(lock, { recursive: true, force: true });
      await sleep(100);
      continue;
    }
    const into = `${result}.${process.pid}.partial`;
    try {
      writeFileSync(path.join(lock, "pid"), String(process.pid));
      rmSync(into, { recursive: true, force: true });
      await make(into);
      renameSync(into, result);
      return result;
    } finally {
      rmSync(into, { recursive: true, force: true });
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

/** Removes what older inputs left under `prefix`, so the cache holds one result per kind of build. */
export function pruneOlder(dir: string, prefix: string, keep: string): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    if (name !== keep && name.startsWith(prefix) && /^[0-9a-f]{24}(\.json)?$/.test(name.slice(prefix.length))) {
      rmSync(path.join(dir, name), { recursive: true, force: true });
    }
  }
}
