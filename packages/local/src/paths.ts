import { fileURLToPath } from "node:url";
import { join } from "node:path";

export const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
/** Everything `npm start` keeps between runs. */
export const localDataDir = join(repoRoot, ".testex");
