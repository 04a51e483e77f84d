/**
 * What makes `sst deploy` or `sst dev` fail, or a deployed function fail at
 * its first call, read from a synthesis: errors the program raised (inside
 * `apply` too), functions that do not build, and functions that read a link
 * or an environment variable they are not given.
 */
import { componentOf, functions, ofType } from "./rules";
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

/**
 * Names AWS keeps unique per account and region (or across accounts), by
 * resource type: the input that holds the name. Two stages of one account
 * must never ask for the same one. Names SST or Pulumi make up carry a random
 * suffix and never meet; a referenced resource is shared on purpose.
 */
const UNIQUE_NAMES: Record<string, string> = {
  "aws:sesv2/emailIdentity:EmailIdentity": "emailIdentity",
  "aws:sesv2/configurationSet:ConfigurationSet": "configurationSetName",
  "aws:cognito/userPoolDomain:UserPoolDomain": "domain",
  "aws:s3/bucket:Bucket": "bucket",
  "aws:dynamodb/table:Table": "name",
  "aws:iam/role:Role": "name",
  "aws:lambda/function:Function": "name",
  "aws:sqs/queue:Queue": "name",
  "aws:sns/topic:Topic": "name",
  "aws:cloudwatch/metricAlarm:MetricAlarm": "name",
  "aws:cloudwatch/logGroup:LogGroup": "name",
  "aws:cloudfront/function:Function": "name",
  "aws:cloudfront/keyValueStore:KeyValueStore": "name",
  "aws:cloudfront/cachePolicy:CachePolicy": "name",
  "aws:scheduler/schedule:Schedule": "name",
  "aws:route53/record:Record": "name",
  "aws:acm/certificate:Certificate": "domainName",
};

/** What two stages deployed into one account would both claim: the second deploy fails on each. */
export function collisionProblems(a: Synthesis, b: Synthesis): string[] {
  const claimed = (s: Synthesis) =>
    new Map(
      s.resources
        .filter((r) => !r.referencedId && UNIQUE_NAMES[r.type] && typeof r.inputs[UNIQUE_NAMES[r.type]!] === "string")
        .map((r) => [`${r.type} ${r.inputs[UNIQUE_NAMES[r.type]!]}`, componentOf(s, r)]),
    );
  const second = claimed(b);
  return [...claimed(a)]
    .filter(([name]) => second.has(name))
    .map(([name, owner]) => `${a.stage}'s ${owner} and ${b.stage}'s ${second.get(name)} both create ${name}`);
}

/**
 * Cognito prefix domains are one namespace for every AWS customer in a
 * region: a prefix without the account's id may be anyone's already.
 */
export function cognitoDomainProblems(s: Synthesis, account: string): string[] {
  return ofType(s, "aws:cognito/userPoolDomain:UserPoolDomain")
    .filter((d) => !d.inputs.certificateArn && !String(d.inputs.domain).includes(account))
    .map((d) => `the sign-in prefix ${d.inputs.domain} is not the account's own: any AWS customer may hold it already`);
}

/**
 * A function AWS invokes asynchronously (SNS) loses an event after Lambda's
 * two retries unless it has an on-failure destination; that queue must be
 * alarmed, or nobody learns of it.
 */
export function asyncFailureProblems(s: Synthesis): string[] {
  const problems: string[] = [];
  const subscribed = ofType(s, "aws:sns/topicSubscription:TopicSubscription").filter((t) => t.inputs.protocol === "lambda");
  const alarmed = new Set(ofType(s, "aws:cloudwatch/metricAlarm:MetricAlarm").map((a) => a.inputs.dimensions?.QueueName));
  for (const { fn, build } of functions(s).filter(({ fn }) => subscribed.some((t) => t.inputs.endpoint === fn.state.arn))) {
    const config = ofType(s, "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig").find((c) => c.inputs.functionName === fn.state.name);
    const destination = config?.inputs.destinationConfig?.onFailure?.destination;
    const queue = ofType(s, "aws:sqs/queue:Queue").find((q) => q.state.arn === destination);
    if (!queue) problems.push(`${build.handler}: an event that fails its retries is dropped (no on-failure queue)`);
    else if (!alarmed.has(queue.state.name)) problems.push(`${build.handler}: its on-failure queue ${componentOf(s, queue)} has no alarm`);
  }
  return problems;
}

/**
 * The console is served through the stage's router (or, under `sst dev`, its
 * dev server on `devPort`), and everything that names the console uses that
 * one URL: sign-in callbacks, the API's and the files bucket's CORS, the
 * links in notices.
 */
export function consoleProblems(s: Synthesis, devPort: number): string[] {
  const problems: string[] = [];
  const url = String(s.outputs.web);
  const site = s.resources.find((r) => r.type === "sst:aws:StaticSite");
  if (!site) return ["no console site"];
  if (s.mode === "dev") {
    if (url !== `http://localhost:${devPort}`) problems.push(`under sst dev the console is at ${url}, not on port ${devPort}`);
    const command = String(site.outputs?._dev?.command ?? "");
    if (!command.includes(`--port ${devPort}`)) problems.push(`under sst dev the console's dev command (${command}) does not serve on port ${devPort}`);
    if (site.outputs?._metadata?.url !== url) problems.push(`under sst dev the console's own URL is ${site.outputs?._metadata?.url}, not ${url}`);
  } else {
    const routed = ofType(s, "pulumi-nodejs:dynamic:Resource").some((r) => r.name === `${site.name}RoutesUpdate.sst.aws.KvRoutesUpdate`);
    if (!routed) problems.push("the console is not served through the stage's router");
    if (!/^https:\/\//.test(url)) problems.push(`the console is at ${url}, not over https`);
  }
  for (const client of ofType(s, "aws:cognito/userPoolClient:UserPoolClient")) {
    const wrong = [...(client.inputs.callbackUrls ?? []), ...(client.inputs.logoutUrls ?? [])].filter((u: string) => !u.startsWith(`${url}/`));
    if (wrong.length > 0) problems.push(`sign-in returns to ${wrong.join(", ")}, not the console at ${url}`);
  }
  for (const api of ofType(s, "aws:apigatewayv2/api:Api")) {
    if ((api.inputs.corsConfiguration?.allowOrigins ?? []).join() !== url) problems.push(`the API accepts ${api.inputs.corsConfiguration?.allowOrigins}, not the console's origin ${url}`);
  }
  for (const cors of ofType(s, "aws:s3/bucketCorsConfiguration:BucketCorsConfiguration")) {
    const origins = cors.inputs.corsRules.flatMap((rule: { allowedOrigins: string[] }) => rule.allowedOrigins);
    if (origins.join() !== url) problems.push(`${componentOf(s, cors)} accepts uploads from ${origins}, not the console's origin ${url}`);
  }
  for (const build of s.builds.filter((b) => b.links.Web)) {
    if (build.links.Web!.url !== url) problems.push(`${build.handler}: links notices to ${build.links.Web!.url}, not the console at ${url}`);
  }
  return problems;
}
