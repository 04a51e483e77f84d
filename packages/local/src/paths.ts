import { fileURLToPath } from "node:url";
import { join, resolve } from "node:path";

export const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
/** Everything `npm start` keeps between runs; TESTEX_DATA_DIR points it elsewhere (e.g. a throwaway stack for the benchmark). */
export const localDataDir = process.env.TESTEX_DATA_DIR ? resolve(process.env.TESTEX_DATA_DIR) : join(repoRoot, ".testex");
