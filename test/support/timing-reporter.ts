import { mkdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { Reporter, TestModule } from "vitest/node";

const SHOWN = 10;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1).padStart(6)} s`;

/**
 * After the default report: the ten slowest test files (import, setup and tests, as the file's own
 * process spent them) and the ten slowest tests, so a slow new test shows up in the run that added
 * it. Every file's and test's time is written to node_modules/.cache/testex/timings.json.
 */
export default class TimingReporter implements Reporter {
  private root = process.cwd();

  onInit(vitest: { config: { root: string } }) {
    this.root = vitest.config.root;
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>) {
    const files = modules
      .map((module) => {
        const d = module.diagnostic();
        return { file: relative(this.root, module.moduleId), ms: d.collectDuration + d.setupDuration + d.duration, import: d.collectDuration, tests: d.duration };
      })
      .sort((a, b) => b.ms - a.ms);
    const tests = modules
      .flatMap((module) =>
        [...module.children.allTests()].map((test) => ({
          file: relative(this.root, module.moduleId),
          test: test.fullName,
          ms: test.diagnostic()?.duration ?? 0,
        })),
      )
      .sort((a, b) => b.ms - a.ms);
    const out = join(this.root, "node_modules/.cache/testex");
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, "timings.json"), JSON.stringify({ files, tests }, null, 2));
    if (files.length < 2) return;
    const lines = [
      "",
      ` Slowest test files (import + tests, each in its own process; all in ${relative(this.root, join(out, "timings.json"))}):`,
      ...files.slice(0, SHOWN).map((f) => ` ${seconds(f.ms)}  ${f.file}  (import ${(f.import / 1000).toFixed(1)} s)`),
      " Slowest tests:",
      ...tests.slice(0, SHOWN).map((t) => ` ${seconds(t.ms)}  ${t.file} › ${t.test}`),
      "",
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
  }
}
