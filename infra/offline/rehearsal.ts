/**
 * What makes `sst deploy` or `sst dev` fail, or a deployed function fail at
 * its first call, read from a synthesis: errors the program raised (inside
 * `apply` too), functions that do not build, and functions that read a link
 * or an environment variable they are not given.
 */
import { functions } from "./rules";
import type { Synthesis } from "./mock-runner";

/** SST gives every function `Resource.App` (its name and stage) without a link. */
const ALWAYS_LINKED = new Set(["App"]);

/**
 * Variables a function may read without infra setting them: those the Lambda
 * runtime sets (docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html),
 * and the local runtime's switches, which are unset (their production default) in AWS.
 */
const PROVIDED_ENVIRONMENT = [
  /^AWS_(REGION|DEFAULT_REGION|EXECUTION_ENV|LAMBDA_\w+|ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN)$/,
  /^(_HANDLER|_X_AMZN_TRACE_ID|LAMBDA_TASK_ROOT|LAMBDA_RUNTIME_DIR|TZ)$/,
  // Local stand-ins' endpoints (packages/local): absent in AWS, where the SDK uses the real service.
  /^AWS_ENDPOINT_URL(_\w+)?$/,
  // The local runtime turns metrics off in tests; unset, metrics are emitted.
  /^TESTEX_METRICS$/,
];

/**
 * Each function's links are exactly the `Resource.<Name>` its bundle reads
 * (a missing one throws `"<Name>" is not linked` at run time; an extra one
 * hands out a name nobody uses), and every variable it reads is set or provided.
 */
export function linkProblems(s: Synthesis): string[] {
  const problems: string[] = [];
  for (const { fn, build } of functions(s)) {
    const name = build.handler;
    if (!build.reads) continue;
    const linked = new Set(Object.keys(build.links));
    const read = build.reads.resources.filter((r) => !ALWAYS_LINKED.has(r));
    for (const resource of read) if (!linked.has(resource)) problems.push(`${name}: reads Resource.${resource}, which it is not linked to`);
    for (const resource of linked) if (!read.includes(resource)) problems.push(`${name}: is linked to ${resource}, which it never reads`);
    const environment = (fn.inputs.environment?.variables ?? {}) as Record<string, string>;
    for (const variable of build.reads.environment) {
      if (!(variable in environment) && !PROVIDED_ENVIRONMENT.some((p) => p.test(variable)))
        problems.push(`${name}: reads process.env.${variable}, which it is not given`);
    }
    for (const unknown of build.reads.unanalysable) problems.push(`${name}: ${unknown}`);
  }
  return problems;
}

/** Everything that would stop the deploy, or a function at its first call. */
export function rehearsalProblems(s: Synthesis): string[] {
  const builds = s.builds.flatMap((b) => b.errors.map((e) => `${b.handler}: ${e}`));
  return [...s.errors, ...builds, ...linkProblems(s)];
}
