/**
 * Which metrics the code really emits, and with which dimensions: every
 * `metric("Name", value?, { dimension: … })` call in the packages' sources
 * (tests excluded), read with the TypeScript parser. Every metric carries
 * `stage` besides the dimensions its call names (packages/core/src/metric.ts).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

/** Metric name -> the dimension sets it is emitted with (each sorted, joined by ","), and where. */
export type Emitted = Record<string, { dimensions: string[]; at: string[] }>;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sources(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

export function emittedMetrics(root: string): Emitted {
  const emitted: Emitted = {};
  const packages = path.join(root, "packages");
  for (const pkg of readdirSync(packages)) {
    for (const file of sources(path.join(packages, pkg, "src"))) {
      const text = readFileSync(file, "utf8");
      if (!text.includes("metric(")) continue;
      const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node) => {
        if (
          ts.isCallExpression(node) &&
          ts.isIdentifier(node.expression) &&
          node.expression.text === "metric" &&
          node.arguments[0] &&
          ts.isStringLiteralLike(node.arguments[0])
        ) {
          const name = node.arguments[0].text;
          const extra = node.arguments[2];
          const keys =
            extra && ts.isObjectLiteralExpression(extra)
              ? extra.properties.map((p) => (p.name ? p.name.getText(source) : "?"))
              : extra
                ? ["?"]
                : [];
          const entry = (emitted[name] ??= { dimensions: [], at: [] });
          const set = ["stage", ...keys].sort().join(",");
          if (!entry.dimensions.includes(set)) entry.dimensions.push(set);
          const { line } = source.getLineAndCharacterOfPosition(node.getStart());
          entry.at.push(`${path.relative(root, file)}:${line + 1}`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
  }
  return emitted;
}
