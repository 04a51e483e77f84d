/**
 * `npm run deploy -- --stage <name> [--profile <aws profile>] [--skip-tests] [--config-only]`
 *
 * Runs the whole test suite, then `sst deploy --stage <name>`. The options of
 * the original deploy.py keep working: `--environment` is the stage,
 * `--profile` becomes AWS_PROFILE, `--config-only` prints the stage's
 * resolved settings without touching AWS.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { stageConfig } from "@testex/stage/config";

export interface DeployPlan {
  stage: string;
  profile?: string;
  runTests: boolean;
  configOnly: boolean;
}

export const USAGE = "usage: npm run deploy -- --stage <name> [--profile <aws profile>] [--skip-tests] [--config-only]";

export function planDeploy(argv: string[]): DeployPlan {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      stage: { type: "string" },
      environment: { type: "string" },
      profile: { type: "string" },
      "skip-tests": { type: "boolean", default: false },
      "config-only": { type: "boolean", default: false },
    },
  });
  const stage = values.stage ?? values.environment;
  if (!stage) throw new Error(`a stage is required\n${USAGE}`);
  if (values.stage && values.environment && values.stage !== values.environment) {
    throw new Error(`--stage ${values.stage} and --environment ${values.environment} disagree`);
  }
  return { stage, profile: values.profile, runTests: !values["skip-tests"], configOnly: values["config-only"] };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): void {
  const result = spawnSync(command, args, { stdio: "inherit", env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function main(): void {
  let plan: DeployPlan;
  try {
    plan = planDeploy(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  if (plan.configOnly) {
    console.log(JSON.stringify(stageConfig(plan.stage), null, 2));
    return;
  }
  const env = { ...process.env, ...(plan.profile ? { AWS_PROFILE: plan.profile } : {}) };
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  if (plan.runTests) run(npm, ["test"], env);
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
  run(
    process.execPath,
    [path.join(root, "node_modules", "sst", "bin", "sst.mjs"), "deploy", "--stage", plan.stage],
    env,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
