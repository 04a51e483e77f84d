/**
 * What a built Lambda bundle reads at run time: every `Resource.<Name>` (a
 * link it needs) and every `process.env.<NAME>` of the project's own code.
 * Read from esbuild's output after tree-shaking, so it is what the function
 * really carries, not what a hand-written table says it should.
 */

export interface BundleReads {
  /** Link names read through `Resource` (sst's `App` included). */
  resources: string[];
  /** Environment variables the project's code reads (dependencies' reads are theirs to default). */
  environment: string[];
  /** Reads that cannot be checked (e.g. `Resource[name]`), with the source file. */
  unanalysable: string[];
}

/** esbuild (not minified) starts each module's code with a `// <path>` comment. */
const MODULE_MARKER = /^\/\/ (\S+\.(?:[cm]?[jt]sx?|json))$/;

/** The source file each line of the bundle comes from. */
function sections(bundle: string): { file: string; code: string }[] {
  const found: { file: string; lines: string[] }[] = [{ file: "(bundle)", lines: [] }];
  for (const line of bundle.split("\n")) {
    const marker = MODULE_MARKER.exec(line);
    if (marker) found.push({ file: marker[1]!, lines: [] });
    else found.at(-1)!.lines.push(line);
  }
  return found.map(({ file, lines }) => ({ file, code: lines.join("\n") }));
}

const isDependency = (file: string) => file.includes("node_modules/");

export function bundleReads(bundle: string): BundleReads {
  const resources = new Set<string>();
  const environment = new Set<string>();
  const unanalysable: string[] = [];
  // sst's `Resource` is `createResource(...)`; esbuild may rename the binding (Resource2, …), and when a
  // module it bundles is also imported on demand, declares it first and assigns it in the module's init.
  const aliases = [...bundle.matchAll(/(?:\b(?:var|let|const)\s+|^[ \t]*)([\w$]+)\s*=\s*createResource\d*\(/gm)].map((m) => m[1]!);
  for (const { file, code } of sections(bundle).filter((s) => !isDependency(s.file))) {
    for (const alias of aliases) {
      for (const use of code.matchAll(new RegExp(`(?<![\\w$.])${alias.replace(/\$/g, "\\$")}\\b(\\.([A-Za-z_$][\\w$]*))?`, "g"))) {
        if (use[2]) resources.add(use[2]);
        else unanalysable.push(`${file}: uses ${alias} other than as Resource.<Name>`);
      }
    }
    for (const read of code.matchAll(/process\.env(?:\.([A-Za-z_][\w]*)|\[\s*["'`]([A-Za-z_][\w]*)["'`]\s*\]|(\[))?/g)) {
      const name = read[1] ?? read[2];
      if (name) environment.add(name);
      else unanalysable.push(`${file}: reads process.env other than by a fixed name`);
    }
  }
  return { resources: [...resources].sort(), environment: [...environment].sort(), unanalysable };
}
