/**
 * What docs/operations.md promises, read from its tables, so the guide and
 * the infrastructure cannot drift apart: the first column of the alarms table
 * names each alarm (`*` for a family, e.g. `*ErrorsAlarm` per function), the
 * first column of the metrics table names each metric.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { root } from "./install";

function tableAfter(heading: string): string[][] {
  const text = readFileSync(path.join(root, "docs", "operations.md"), "utf8");
  const start = text.indexOf(heading);
  if (start < 0) throw new Error(`docs/operations.md has no "${heading}"`);
  const rows: string[][] = [];
  let inTable = false;
  for (const line of text.slice(start).split("\n").slice(1)) {
    if (line.startsWith("|")) {
      inTable = true;
      rows.push(line.split("|").slice(1, -1).map((cell) => cell.trim()));
    } else if (inTable) break;
  }
  return rows.slice(2);
}

const codeIn = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

export function documentedAlarms(): RegExp[] {
  return tableAfter("### Alarms").flatMap(([first]) =>
    codeIn(first ?? "").map((name) => new RegExp(`^${name.replace(/\*/g, "[A-Za-z]+")}$`)),
  );
}

export function documentedMetrics(): string[] {
  return tableAfter("### Metrics").flatMap(([first]) => codeIn(first ?? ""));
}
