/**
 * `npm run infra:rehearse -- --stage <name> [--dev]`: runs sst.config.ts with
 * SST's own component code under Pulumi mocks, as `sst deploy --stage <name>`
 * would (with `--dev`, as `sst dev` would), and prints every resource it would
 * create or reference as one JSON line each: `{ type, name, inputs }`. Exits 1
 * on any error the program raised (inside `apply` too), any function that
 * fails to build, and any function that reads a link or variable it is not given.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { rehearsalProblems } from "../offline/rehearsal";
import { synthesize } from "../offline/synthesize";

export const USAGE = "usage: npm run infra:rehearse -- --stage <name> [--dev]";

export function parseRehearsal(argv: string[]): { stage: string; dev: boolean } {
  const { values } = parseArgs({ args: argv, strict: true, options: { stage: { type: "string" }, dev: { type: "boolean", default: false } } });
  if (!values.stage) throw new Error(`a stage is required\n${USAGE}`);
  return { stage: values.stage, dev: values.dev };
}

async function main(): Promise<void> {
  let options: { stage: string; dev: boolean };
  try {
    options = parseRehearsal(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  const synthesis = await synthesize(options.stage, { dev: options.dev });
  for (const r of synthesis.resources) {
    process.stdout.write(`${JSON.stringify({ type: r.type, name: r.name, inputs: r.inputs, ...(r.referencedId ? { referencedId: r.referencedId } : {}) })}\n`);
  }
  const problems = rehearsalProblems(synthesis);
  for (const problem of problems) console.error(problem);
  const mode = options.dev ? "sst dev" : "sst deploy";
  console.error(
    problems.length > 0
      ? `${mode} --stage ${options.stage} would fail: ${problems.length} problem(s)`
      : `${mode} --stage ${options.stage}: ${synthesis.resources.length} resources, no error`,
  );
  process.exitCode = problems.length > 0 ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
