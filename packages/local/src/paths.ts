import { chmodSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join, resolve } from "node:path";

export const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
/** Everything `npm start` keeps between runs; TESTEX_DATA_DIR points it elsewhere (e.g. a throwaway stack for the benchmark). */
export const localDataDir = process.env.TESTEX_DATA_DIR ? resolve(process.env.TESTEX_DATA_DIR) : join(repoRoot, ".testex");

/** Creates `dir` readable by its owner only (the table, documents, mail and signing secret live there); tightens one made before. */
export function privateDir(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  return dir;
}
