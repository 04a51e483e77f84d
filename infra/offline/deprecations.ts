/**
 * Uses of APIs that SST or the AWS provider mark `@deprecated`, found by the
 * TypeScript checker's suggestions over sst.config.ts and infra/ (the editor's
 * strike-through). tsc compiles them without a word; a later version removes them.
 * The native compiler (TypeScript 7, the one `npm run typecheck` runs) answers
 * in a few seconds where the JavaScript one took about 20 s of CPU.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { API } from "typescript-native/unstable/sync";
import { root } from "./install";

/** `extra` adds files (name relative to infra/, and text) to check beside the real ones. */
export function deprecatedUses(extra: Record<string, string> = {}): string[] {
  const infra = path.join(root, "infra");
  const added = new Map(Object.entries(extra).map(([name, text]) => [path.join(infra, name), text]));
  const api = new API({
    cwd: root,
    // The added files exist for the checker only: readable, and listed in infra/ so the project includes them.
    fs: {
      readFile: (file) => added.get(file),
      fileExists: (file) => (added.has(file) ? true : undefined),
      getAccessibleEntries: (dir) => {
        if (path.resolve(dir) !== infra || added.size === 0) return undefined;
        const entries = readdirSync(dir, { withFileTypes: true });
        return {
          files: [...entries.filter((e) => e.isFile()).map((e) => e.name), ...[...added.keys()].map((file) => path.basename(file))],
          directories: entries.filter((e) => e.isDirectory()).map((e) => e.name),
        };
      },
    },
  });
  try {
    const project = api.updateSnapshot({ openProjects: [path.join(infra, "tsconfig.json")] }).getProjects()[0]!;
    const uses: string[] = [];
    for (const file of project.rootFiles.filter((f) => !f.includes(`${path.sep}.sst${path.sep}`))) {
      const text = added.get(file) ?? readFileSync(file, "utf8");
      for (const d of project.program.getSuggestionDiagnostics(file)) {
        if (!d.reportsDeprecated) continue;
        const line = text.slice(0, d.pos).split("\n").length;
        uses.push(`${path.relative(root, file)}:${line}: ${d.text}`);
      }
    }
    return uses;
  } finally {
    api.close();
  }
}
