import { readdirSync, readFileSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "#test/local";

/**
 * The packages and what they may use. Each may import only the ones before it
 * in this list: the business knows nothing of handlers, handlers nothing of
 * the local runtime; a stage's settings (what infra deploys and the local
 * runtime imitates) know only the business. Tests and build scripts that need
 * several live outside the packages (test/, tools/).
 */
const LAYERS = ["aws-local", "core", "stage", "emails", "functions", "local"] as const;

const SOURCE = /\.(ts|tsx|mjs)$/;
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    // sst-env.d.ts is written by SST beside every package.json (npm run infra:types), not the package's code.
    if (name === "node_modules" || name === "dist" || name === "sst-env.d.ts") return [];
    return statSync(path).isDirectory() ? files(path) : SOURCE.test(name) ? [path] : [];
  });
}

/** Every module specifier a file imports or re-exports, statically or dynamically. */
function specifiers(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const found = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?\sfrom\s+["']([^"']+)["']/g), ...text.matchAll(/(?:^|\n)\s*import\s+["']([^"']+)["']/g), ...text.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)];
  return found.map((match) => match[1]!);
}

const packageOf = (specifier: string) => specifier.split("/").slice(0, specifier.startsWith("@") ? 2 : 1).join("/");
const isBuiltin = (specifier: string) => specifier.startsWith("node:") || builtinModules.includes(packageOf(specifier));
const isTest = (file: string) => /\.(test|fixture)\.tsx?$/.test(file) || file.includes("/test/");
type Manifest = { dependencies?: Record<string, string>; devDependencies?: Record<string, string>; overrides?: Record<string, string> };
/** `@types/aws-lambda` declares the types a file imports as "aws-lambda". */
const typedAs = (dependencies: string[]) => dependencies.filter((d) => d.startsWith("@types/")).map((d) => d.slice("@types/".length));
const manifest = (dir: string) => JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Manifest;
const root = manifest(repoRoot);
/** What a package declares, and what the workspace packages it depends on declare, all the way down. */
const declaredBelow = (name: string): string[] => {
  const deps = Object.keys(manifest(join(repoRoot, "packages", name)).dependencies ?? {});
  return [...deps, ...deps.filter((d) => d.startsWith("@testex/")).flatMap((d) => declaredBelow(d.slice("@testex/".length)))];
};

describe.each(LAYERS.map((name, layer) => ({ name, layer, dir: join(repoRoot, "packages", name) })))("package $name", ({ name, layer, dir }) => {
  const own = manifest(dir);
  const sources = files(dir);

  it("imports no package above it", () => {
    const above = LAYERS.slice(layer + 1).map((other) => `@testex/${other}`);
    const offending = sources.flatMap((file) => specifiers(file).filter((s) => above.includes(packageOf(s))).map((s) => `${relative(repoRoot, file)} → ${s}`));
    expect(offending).toEqual([]);
  });

  it("declares every package its code imports", () => {
    const dependencies = Object.keys(own.dependencies ?? {});
    const declared = new Set([...dependencies, ...typedAs(dependencies), `@testex/${name}`]);
    const undeclared = sources
      .filter((file) => !isTest(file))
      .flatMap((file) => specifiers(file).filter((s) => !s.startsWith(".") && !isBuiltin(s) && !declared.has(packageOf(s))).map((s) => `${relative(repoRoot, file)} → ${s}`));
    expect(undeclared).toEqual([]);
  });

  // Tests may also reach what the packages below use (to inject a fault into their SDK client, say) and the repository's test tools.
  it("has tests that import only what it, the packages below it or the repository declares", () => {
    const below = [...declaredBelow(name), ...Object.keys(own.devDependencies ?? {})];
    const declared = new Set([...below, ...typedAs(below), ...Object.keys(root.devDependencies ?? {}), `@testex/${name}`]);
    const undeclared = sources
      .filter(isTest)
      .flatMap((file) => specifiers(file).filter((s) => !s.startsWith(".") && !s.startsWith("#test/") && !isBuiltin(s) && !declared.has(packageOf(s))).map((s) => `${relative(repoRoot, file)} → ${s}`));
    expect(undeclared).toEqual([]);
  });

  it("has no import cycles", () => {
    const resolveLocal = (from: string, specifier: string) =>
      [".ts", ".tsx", "/index.ts", ""].map((ending) => resolve(dirname(from), specifier) + ending).find((path) => sources.includes(path));
    const graph = new Map(sources.filter((f) => !isTest(f)).map((file) => [file, specifiers(file).filter((s) => s.startsWith(".")).flatMap((s) => resolveLocal(file, s) ?? [])]));
    const cycles: string[] = [];
    const state = new Map<string, "visiting" | "done">();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === "done") return;
      if (state.get(file) === "visiting") return void cycles.push([...path.slice(path.indexOf(file)), file].map((f) => relative(dir, f)).join(" → "));
      state.set(file, "visiting");
      for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
      state.set(file, "done");
    };
    for (const file of graph.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });
});

/** Relative imports stay inside their package: what two packages share is a package both declare. */
describe("relative imports", () => {
  it.each(LAYERS)("of package %s stay inside it", (name) => {
    const dir = join(repoRoot, "packages", name);
    const leaving = files(dir).flatMap((file) => specifiers(file).filter((s) => s.startsWith(".") && relative(dir, resolve(dirname(file), s)).startsWith("..")).map((s) => `${relative(repoRoot, file)} → ${s}`));
    expect(leaving).toEqual([]);
  });
});

/**
 * The folders of packages/core, bottom up: each may import the ones in the
 * groups before its own, and others of its own group as long as no cycle
 * forms. Helpers that know no business first; then the table; the records
 * every module writes through (audit, outbox); the business nouns, each
 * above what it uses; what reacts to them (effects); the public faces and
 * the list of every entity (which needs every module) last.
 * A top-level file is a node like a folder.
 */
const CORE_ORDER: readonly (readonly string[])[] = [
  ["error", "context", "access", "config", "id", "log", "metric", "lazy", "pool", "dates", "currency", "validation", "schema", "event", "object-store", "directory"],
  ["db"],
  ["audit", "search", "idempotency"],
  ["outbox"],
  ["client"],
  ["contract"],
  ["file"],
  ["notification"],
  ["term", "termination", "backup", "migration", "health"],
  ["webhook", "effects", "jobs", "calendar", "export", "import"],
  ["index", "schedule", "entities"],
];

describe("packages/core's folders", () => {
  const dir = join(repoRoot, "packages", "core", "src");
  const nodeOf = (path: string) => (path.includes("/") ? path.split("/")[0]! : path.replace(/\.tsx?$/, ""));
  const edges = files(dir)
    .filter((file) => !isTest(file))
    .flatMap((file) =>
      specifiers(file)
        .filter((s) => s.startsWith("."))
        .map((s) => {
          const from = relative(dir, file);
          const to = [".ts", ".tsx", "/index.ts"].map((ending) => relative(dir, resolve(dirname(file), s)) + ending).find((path) => statSync(join(dir, path), { throwIfNoEntry: false })) ?? relative(dir, resolve(dirname(file), s));
          return { from, to, a: nodeOf(from), b: nodeOf(to) };
        })
        .filter(({ a, b }) => a !== b),
    );
  const rank = new Map(CORE_ORDER.flatMap((group, i) => group.map((node) => [node, i] as const)));

  it("each have their place in the order", () => {
    const nodes = new Set(edges.flatMap(({ a, b }) => [a, b]));
    expect([...nodes].filter((node) => !rank.has(node))).toEqual([]);
  });

  it("import only folders below them", () => {
    const upward = edges.filter(({ a, b }) => (rank.get(b) ?? 0) > (rank.get(a) ?? 0)).map(({ from, to }) => `${from} → ${to}`);
    expect(upward).toEqual([]);
  });

  it("have no cycles", () => {
    const next = new Map<string, Set<string>>();
    for (const { a, b } of edges) next.set(a, (next.get(a) ?? new Set()).add(b));
    const cycles: string[] = [];
    const state = new Map<string, "visiting" | "done">();
    const visit = (node: string, path: string[]) => {
      if (state.get(node) === "done") return;
      if (state.get(node) === "visiting") return void cycles.push([...path.slice(path.indexOf(node)), node].join(" → "));
      state.set(node, "visiting");
      for (const to of next.get(node) ?? []) visit(to, [...path, node]);
      state.set(node, "done");
    };
    for (const node of next.keys()) visit(node, []);
    expect(cycles).toEqual([]);
  });
});

/** Whether `name` is named in quotes (an import, a require, a resolve) in any of `sources`. */
const named = (name: string, sources: string[]) =>
  sources.some((file) => new RegExp(`["'\`]${name.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}(/[^"'\`]*)?["'\`]`).test(readFileSync(file, "utf8")));

describe("declared dependencies", () => {
  it.each(LAYERS)("of package %s are all used by it", (name) => {
    const dir = join(repoRoot, "packages", name);
    const sources = files(dir);
    const dependencies = Object.keys(manifest(dir).dependencies ?? {});
    // A peer that a used dependency asks for (react-dom for React Email's renderer) is used through it.
    const peers = dependencies.flatMap((d) => Object.keys((manifest(join(repoRoot, "node_modules", d)) as { peerDependencies?: object }).peerDependencies ?? {}));
    const typed = typedAs(dependencies).filter((typedName) => named(typedName, sources));
    expect(dependencies.filter((dependency) => !named(dependency, sources) && !peers.includes(dependency) && !typed.includes(dependency.slice("@types/".length)))).toEqual([]);
  });

  it("of the repository (tools, tests, types) are all used", () => {
    const sources = ["packages", "test", "tools", "bench", "infra"].flatMap((dir) => files(join(repoRoot, dir)));
    const scripts = Object.values((JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts).join("\n");
    const binaries = (dependency: string) => {
      const { bin } = JSON.parse(readFileSync(join(repoRoot, "node_modules", dependency, "package.json"), "utf8")) as { bin?: string | Record<string, string> };
      return typeof bin === "string" ? [dependency] : Object.keys(bin ?? {});
    };
    const used = (dependency: string) =>
      named(dependency, sources) ||
      binaries(dependency).some((bin) => new RegExp(`(^|[\\s&|;])${bin}\\s`).test(scripts)) ||
      // Type packages serve the package they are named after.
      (dependency.startsWith("@types/") && (dependency === "@types/node" || named(dependency.slice("@types/".length), sources))) ||
      // A stand-in that an override puts in place of a dependency's dependency (`"$name"`).
      Object.values(root.overrides ?? {}).includes(`$${dependency}`);
    expect(Object.keys(root.devDependencies ?? {}).filter((dependency) => !used(dependency))).toEqual([]);
  });
});

/**
 * SST's workflows load the AWS durable-execution SDK, which declares a newer Node than the one
 * npm may install with; TESTEX uses none, so an empty stand-in takes the SDK's place
 * (tools/durable-execution-stub, by an override in package.json).
 */
describe("SST's workflows", () => {
  const workflows = "sst/aws/workflow";

  it("are imported by nothing in the project", () => {
    const sources = [...["packages", "test", "tools", "bench", "infra"].flatMap((dir) => files(join(repoRoot, dir))), join(repoRoot, "sst.config.ts")];
    const importing = sources.flatMap((file) =>
      specifiers(file)
        .filter((s) => s === workflows || packageOf(s) === "@aws/durable-execution-sdk-js")
        .map((s) => `${relative(repoRoot, file)} → ${s}`),
    );
    expect(importing).toEqual([]);
  });

  it("fail on loading, saying why, while the SDK is the stand-in", async () => {
    await expect(import(workflows)).rejects.toThrow("TESTEX does not use SST workflows");
  });
});
