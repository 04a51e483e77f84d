/**
 * One line of the benchmark's table: a figure beside its target. `pass` is
 * null when there is no target (context figures) or nothing was measured.
 */
export interface Row {
  section: string;
  item: string;
  figure: string;
  target: string;
  pass: boolean | null;
  note?: string;
}

export interface SectionResult {
  rows: Row[];
  /** Details kept for the record (metafile tops, samples, counts). */
  details?: Record<string, unknown>;
}

const RESULT_MARK = "BENCH_RESULT ";

/** A section script ends by printing its result on one line the runner picks up. */
export function emit(result: SectionResult): void {
  process.stdout.write(`\n${RESULT_MARK}${JSON.stringify(result)}\n`);
}

export function parseResult(output: string): SectionResult | undefined {
  const line = output.split("\n").findLast((l) => l.startsWith(RESULT_MARK));
  return line ? (JSON.parse(line.slice(RESULT_MARK.length)) as SectionResult) : undefined;
}

export const notMeasured = (section: string, item: string, target: string, why: string): Row => ({
  section,
  item,
  figure: "not measured",
  target,
  pass: null,
  note: why,
});

const verdict = (pass: boolean | null) => (pass === null ? "–" : pass ? "ok" : "MISS");

/** A Markdown table, readable in a terminal and pasteable into docs/benchmarks.md. */
export function table(rows: Row[]): string {
  const header = ["Section", "Measure", "Figure", "Target", "", "Note"];
  const lines = rows.map((r) => [r.section, r.item, r.figure, r.target, verdict(r.pass), r.note ?? ""]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [format(header), format(widths.map((w) => "-".repeat(w))), ...lines.map(format)].join("\n");
}
