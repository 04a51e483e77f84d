/**
 * `npm run infra:types`: writes sst-env.d.ts (and each package's reference to
 * it) exactly as `sst deploy` would, from the offline run of the program. Run
 * it after changing a link; the infra suite says when it is stale.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { root } from "../offline/install";
import { renderSstEnv } from "../offline/sst-env";
import { synthesize } from "../offline/synthesize";

const synthesis = await synthesize("dev");
if (synthesis.errors.length > 0) throw new Error(synthesis.errors.join("\n"));
for (const [file, text] of Object.entries(renderSstEnv(synthesis, root))) {
  writeFileSync(path.join(root, file), text);
  console.log(`wrote ${file}`);
}
