/**
 * What the synthesized infrastructure must satisfy, as functions from a
 * synthesis to a list of problems (empty = fine). Tests run them on the real
 * program's output, and on deliberately broken copies to show each can fail.
 */
import { isDeepStrictEqual } from "node:util";
import { mockId } from "./mock-id";
import type { Emitted } from "./metrics";
import type { MockResource, Synthesis } from "./mock-runner";

export interface KeyShape {
  primary: { hashKey: string; rangeKey?: string };
  /** Index name -> key attributes. */
  globalIndexes: Record<string, { hashKey: string; rangeKey?: string; projection?: "ALL" | "KEYS_ONLY" | readonly string[] }>;
  ttlAttribute: string;
}

/**
 * Per function (by handler), per resource it reaches, the exact IAM actions.
 * Its links are not listed here: they are what its bundle reads (rehearsal.ts).
 */
export type AccessTable = Record<string, { actions: Record<string, string[]> }>;

const LAMBDA_MAX_TIMEOUT = 900;

export const ofType = (s: Synthesis, type: string) => s.resources.filter((r) => r.type === type);

/** The SST component a low-level resource belongs to: SST names children `<Component><Part>`. */
export function componentOf(s: Synthesis, resource: MockResource): string {
  const components = s.resources.filter((r) => !r.custom && r.type.startsWith("sst:")).map((r) => r.name);
  return components.filter((c) => resource.name.startsWith(c)).sort((a, b) => b.length - a.length)[0] ?? resource.name;
}

/** The component an ARN in a policy points at (a table's index or stream belongs to the table). */
export function ownerOfArn(s: Synthesis, arn: string): string | undefined {
  let best: { owner: MockResource; length: number } | undefined;
  for (const r of s.resources) {
    for (const own of [r.state.arn, r.state.streamArn]) {
      if (typeof own !== "string" || !own.startsWith("arn:")) continue;
      const matches = arn === own || arn.startsWith(`${own}/`);
      if (matches && own.length > (best?.length ?? 0)) best = { owner: r, length: own.length };
    }
  }
  return best && componentOf(s, best.owner);
}

export interface Statement {
  effect: string;
  actions: string[];
  resources: string[];
}

/** A function's role: its inline statements, managed policies and trust policy. */
export function roleOf(s: Synthesis, fn: MockResource) {
  const role = s.resources.find((r) => r.type === "aws:iam/role:Role" && r.state.arn === fn.inputs.role);
  if (!role) throw new Error(`no role found for ${fn.name}`);
  // Inline policies, and role policies attached later (grants on resources that need the role first).
  const attached = ofType(s, "aws:iam/rolePolicy:RolePolicy").filter((p) => p.inputs.role === role.state.name);
  const statements: Statement[] = [...(role.inputs.inlinePolicies ?? []), ...attached.map((p) => p.inputs)].flatMap(
    (p: { policy: string }) => JSON.parse(p.policy).Statement as Statement[],
  );
  return {
    statements,
    managed: (role.inputs.managedPolicyArns ?? []) as string[],
    trustedPrincipals: trustedPrincipals(role.inputs.assumeRolePolicy),
  };
}

/** Principals of a trust policy, written either as IAM JSON or as getPolicyDocument statements. */
function trustedPrincipals(policy: string | { Statement: any[] }): string[] {
  const document = typeof policy === "string" ? JSON.parse(policy) : policy;
  return (document.Statement as any[]).flatMap((statement) =>
    statement.Principal
      ? Object.values(statement.Principal as Record<string, string | string[]>).flat()
      : (statement.principals ?? []).flatMap((p: { identifiers: string[] }) => p.identifiers),
  );
}

/** Lambda functions with the handler they were built from. */
export function functions(s: Synthesis) {
  return ofType(s, "aws:lambda/function:Function").map((fn) => {
    const build = s.builds.find((b) => `${b.functionID}Function` === fn.name);
    if (!build) throw new Error(`no build recorded for ${fn.name}`);
    return { fn, build };
  });
}

export function tableProblems(s: Synthesis, expected: KeyShape): string[] {
  const tables = ofType(s, "aws:dynamodb/table:Table");
  if (tables.length !== 1) return [`expected exactly one table, found ${tables.length}`];
  const t = tables[0]!.inputs;
  const problems: string[] = [];
  const attributes = new Set((t.attributes ?? []).map((a: { name: string }) => a.name));
  if (t.hashKey !== expected.primary.hashKey)
    problems.push(`table hash key is ${t.hashKey}, expected ${expected.primary.hashKey}`);
  if (t.rangeKey !== expected.primary.rangeKey)
    problems.push(`table range key is ${t.rangeKey}, expected ${expected.primary.rangeKey}`);
  for (const [name, keys] of Object.entries(expected.globalIndexes)) {
    const index = (t.globalSecondaryIndexes ?? []).find((i: { name: string }) => i.name === name);
    if (!index) {
      problems.push(`index ${name} is missing`);
      continue;
    }
    if (index.hashKey !== keys.hashKey)
      problems.push(`index ${name} hash key is ${index.hashKey}, expected ${keys.hashKey}`);
    if (index.rangeKey !== keys.rangeKey)
      problems.push(`index ${name} range key is ${index.rangeKey}, expected ${keys.rangeKey}`);
    if (keys.projection) {
      const [type, attributes] = typeof keys.projection === "string" ? [keys.projection, []] : ["INCLUDE", [...keys.projection]];
      if (index.projectionType !== type || JSON.stringify(index.nonKeyAttributes ?? []) !== JSON.stringify(attributes))
        problems.push(`index ${name} projects ${index.projectionType} ${JSON.stringify(index.nonKeyAttributes ?? [])}, expected ${type} ${JSON.stringify(attributes)}`);
    }
  }
  const keyAttributes = [
    t.hashKey,
    t.rangeKey,
    ...(t.globalSecondaryIndexes ?? []).flatMap((i: any) => [i.hashKey, i.rangeKey]),
  ];
  for (const key of keyAttributes.filter(Boolean)) {
    if (!attributes.has(key)) problems.push(`key attribute ${key} is not declared in the table's fields`);
  }
  if (!t.streamEnabled || t.streamViewType !== "NEW_AND_OLD_IMAGES")
    problems.push("table stream must carry NEW_AND_OLD_IMAGES");
  if (t.ttl?.attributeName !== expected.ttlAttribute || !t.ttl?.enabled)
    problems.push(`table TTL must be enabled on ${expected.ttlAttribute}`);
  if (!t.pointInTimeRecovery?.enabled)
    problems.push("point-in-time recovery must be on (the daily export reads from it)");
  return problems;
}

export function bucketProblems(s: Synthesis, corsOrigins: string[]): string[] {
  const problems: string[] = [];
  const forBucket = (type: string, bucket: MockResource) =>
    ofType(s, type).filter((r) => r.inputs.bucket === bucket.state.bucket);
  for (const bucket of ofType(s, "aws:s3/bucket:Bucket")) {
    const name = componentOf(s, bucket);
    const encryption = forBucket(
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
      bucket,
    );
    const algorithm = encryption[0]?.inputs.rules?.[0]?.applyServerSideEncryptionByDefault?.sseAlgorithm;
    if (!["AES256", "aws:kms"].includes(algorithm)) problems.push(`${name}: no default encryption`);
    const block = forBucket("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", bucket)[0]?.inputs;
    const blocked =
      block &&
      ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"].every(
        (k) => block[k] === true,
      );
    if (!blocked) problems.push(`${name}: public access is not fully blocked`);
    const rules = forBucket("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", bucket).flatMap(
      (l) => l.inputs.rules ?? [],
    );
    if (!rules.some((r: any) => r.status === "Enabled" && r.abortIncompleteMultipartUpload?.daysAfterInitiation)) {
      problems.push(`${name}: incomplete multipart uploads are never cleaned up`);
    }
    const cors = forBucket("aws:s3/bucketCorsConfiguration:BucketCorsConfiguration", bucket).flatMap(
      (c) => c.inputs.corsRules ?? [],
    );
    const origins = cors.flatMap((rule: { allowedOrigins: string[] }) => rule.allowedOrigins);
    if (name === "Files") {
      if (origins.join() !== corsOrigins.join())
        problems.push(`Files: CORS origins are ${origins.join() || "none"}, expected ${corsOrigins.join()}`);
    } else if (origins.length > 0) {
      problems.push(`${name}: CORS is open to ${origins.join()} but browsers never reach this bucket`);
    }
    if (name === "Archives" && !rules.some((r: any) => r.status === "Enabled" && (r.transitions ?? []).length > 0)) {
      problems.push("Archives: objects never move to a cheaper storage class");
    }
    const versioning = forBucket("aws:s3/bucketVersioning:BucketVersioning", bucket)[0]?.inputs.versioningConfiguration
      ?.status;
    if ((name === "Backups" || name === "Files") && versioning !== "Enabled") problems.push(`${name}: versioning is off`);
  }
  return problems;
}

export function functionProblems(s: Synthesis, logLevel: string): string[] {
  const problems: string[] = [];
  for (const { fn, build } of functions(s)) {
    const name = build.handler;
    for (const error of build.errors) problems.push(`${name}: ${error}`);
    if (!(fn.inputs.timeout > 0 && fn.inputs.timeout <= LAMBDA_MAX_TIMEOUT))
      problems.push(`${name}: timeout ${fn.inputs.timeout}s is outside 1..${LAMBDA_MAX_TIMEOUT}`);
    if (!(fn.inputs.memorySize >= 128 && fn.inputs.memorySize <= 10_240))
      problems.push(`${name}: memory ${fn.inputs.memorySize} MB is outside 128..10240`);
    if (fn.inputs.runtime !== "nodejs22.x") problems.push(`${name}: runtime ${fn.inputs.runtime}, expected nodejs22.x`);
    if (fn.inputs.architectures?.join() !== "arm64")
      problems.push(`${name}: architecture ${fn.inputs.architectures}, expected arm64`);
    if (fn.inputs.environment?.variables?.LOG_LEVEL !== logLevel)
      problems.push(`${name}: LOG_LEVEL is not ${logLevel}`);
  }
  return problems;
}

/**
 * The API's token check at the gateway: one JWT authorizer trusting exactly the
 * stage's issuer and client, on every route but the public ones, which carry none.
 */
export function authorizerProblems(s: Synthesis, trusted: { issuer: string; audience: string }, publicRoutes: readonly string[]): string[] {
  const problems: string[] = [];
  const authorizers = ofType(s, "aws:apigatewayv2/authorizer:Authorizer");
  const jwt = authorizers.filter((a) => a.inputs.authorizerType === "JWT");
  if (jwt.length !== 1) return [`${jwt.length} JWT authorizers, expected one`];
  const { issuer, audiences } = jwt[0]!.inputs.jwtConfiguration ?? {};
  if (issuer !== trusted.issuer) problems.push(`the authorizer trusts issuer ${issuer}, not ${trusted.issuer}`);
  if (!isDeepStrictEqual(audiences, [trusted.audience])) problems.push(`the authorizer trusts audiences ${audiences}, not ${trusted.audience}`);
  const id = jwt[0]!.state.id ?? mockId(jwt[0]!.name);
  for (const route of ofType(s, "aws:apigatewayv2/route:Route")) {
    const { routeKey, authorizationType, authorizerId } = route.inputs;
    const open = publicRoutes.includes(routeKey);
    if (open && authorizationType !== "NONE") problems.push(`${routeKey}: public, but needs a token (${authorizationType})`);
    if (!open && (authorizationType !== "JWT" || authorizerId !== id)) problems.push(`${routeKey}: reaches the function without the JWT authorizer`);
  }
  const keys = ofType(s, "aws:apigatewayv2/route:Route").map((r) => r.inputs.routeKey);
  for (const route of publicRoutes) if (!keys.includes(route)) problems.push(`${route}: no such route`);
  return problems;
}

export function queueProblems(s: Synthesis): string[] {
  const problems: string[] = [];
  const queues = ofType(s, "aws:sqs/queue:Queue");
  for (const mapping of ofType(s, "aws:lambda/eventSourceMapping:EventSourceMapping")) {
    const queue = queues.find((q) => q.state.arn === mapping.inputs.eventSourceArn);
    if (!queue) continue;
    const name = componentOf(s, queue);
    const fn = ofType(s, "aws:lambda/function:Function").find((f) => f.state.arn === mapping.inputs.functionName);
    if (fn && !(queue.inputs.visibilityTimeoutSeconds >= fn.inputs.timeout)) {
      problems.push(
        `${name}: visibility timeout ${queue.inputs.visibilityTimeoutSeconds}s is shorter than its consumer's timeout ${fn.inputs.timeout}s`,
      );
    }
    const redrive = queue.inputs.redrivePolicy ? JSON.parse(queue.inputs.redrivePolicy) : undefined;
    if (!redrive || !queues.some((q) => q.state.arn === redrive.deadLetterTargetArn))
      problems.push(`${name}: no dead-letter queue`);
    if (!(mapping.inputs.functionResponseTypes ?? []).includes("ReportBatchItemFailures")) {
      problems.push(`${name}: consumer does not report partial batch failures`);
    }
  }
  return problems;
}

export function accessProblems(s: Synthesis, expected: AccessTable): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const { fn, build } of functions(s)) {
    const name = build.handler;
    seen.add(name);
    const spec = expected[name];
    if (!spec) {
      problems.push(`${name}: a function nobody expects`);
      continue;
    }
    const role = roleOf(s, fn);
    const granted: Record<string, Set<string>> = {};
    for (const statement of role.statements) {
      if (statement.effect !== "Allow") continue;
      for (const action of statement.actions)
        if (action.includes("*")) problems.push(`${name}: wildcard action ${action}`);
      for (const resource of statement.resources) {
        const owner = SES_IDENTITIES.test(resource)
          ? "SES identities"
          : resource.includes("*") && !resource.startsWith("arn:")
            ? "*"
            : (ownerOfArn(s, resource) ?? resource);
        for (const action of statement.actions) (granted[owner] ??= new Set()).add(action);
      }
    }
    for (const owner of Object.keys(granted)) {
      if (!spec.actions[owner]) problems.push(`${name}: reaches ${owner}, which it does not use`);
    }
    for (const [owner, actions] of Object.entries(spec.actions)) {
      const has = [...(granted[owner] ?? [])].sort().join();
      if (has !== [...actions].sort().join())
        problems.push(`${name}: on ${owner} may ${has || "nothing"}, expected ${[...actions].sort().join()}`);
    }
    const managed = role.managed.filter((arn) => !arn.endsWith(":policy/service-role/AWSLambdaBasicExecutionRole"));
    if (managed.length > 0) problems.push(`${name}: extra managed policies ${managed.join()}`);
    if (role.trustedPrincipals.join() !== "lambda.amazonaws.com")
      problems.push(`${name}: role can be assumed by ${role.trustedPrincipals.join()}`);
  }
  for (const name of Object.keys(expected))
    if (!seen.has(name)) problems.push(`${name}: expected function is not deployed`);
  return problems;
}

const REBUILT = new Set(["ConsoleSiteAssets"]);

/** Every verified identity of the account: what SES checks recipients against in its sandbox. */
const SES_IDENTITIES = /^arn:aws:ses:[^:]+:[^:]+:identity\/\*$/;

/** Whether an IAM resource (with `*` and `?` wildcards) covers an ARN. */
const covers = (pattern: string, arn: string) =>
  new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`).test(arn);

/** A function that invokes itself must be granted its own ARN, whatever name SST gave it. */
export function selfInvokeProblems(s: Synthesis, handler: string): string[] {
  const found = functions(s).find(({ build }) => build.handler === handler);
  if (!found) return [`${handler}: not deployed`];
  const grants = roleOf(s, found.fn).statements.filter(
    (st) => st.effect === "Allow" && st.actions.includes("lambda:InvokeFunction"),
  );
  if (grants.some((st) => st.resources.some((r) => covers(r, found.fn.state.arn)))) return [];
  return [`${handler}: may not invoke itself (${found.fn.state.name})`];
}

/**
 * Mail is sent from a domain identity that matches the sender address and
 * verifies by itself: a stage that creates its identity also creates its DKIM
 * records (SES waits 45 minutes for them, then fails the deploy), on a
 * subdomain of its own (the company's main domain keeps its DMARC record);
 * every other stage references the identity verified in advance. Each stage
 * sends with a configuration set of its own. Whoever may send may also send in
 * the SES sandbox (where SES authorises each recipient's identity too), and
 * only there.
 */
export function emailProblems(s: Synthesis, senderEmail: string, mail: { identity: "stage" | "verified"; sandbox: boolean }): string[] {
  const problems: string[] = [];
  const domain = senderEmail.slice(senderEmail.lastIndexOf("@") + 1).toLowerCase();
  const identities = ofType(s, "aws:sesv2/emailIdentity:EmailIdentity");
  const created = identities.filter((i) => !i.referencedId);
  const referenced = identities.filter((i) => i.referencedId);
  for (const identity of identities) {
    const name = String(identity.inputs.emailIdentity ?? identity.referencedId);
    if (name.includes("@")) problems.push(`Email: identity ${name} is an address, which must click a link to verify; use its domain`);
    else if (name.toLowerCase() !== domain) problems.push(`Email: sender ${senderEmail} is not an address of the identity ${name}`);
  }
  if (identities.length !== 1) problems.push(`Email: expected one identity, found ${identities.length}`);
  const records = ofType(s, "aws:route53/record:Record").map((r) => `${r.inputs.type} ${r.inputs.name}`);
  for (const identity of created) {
    const name = String(identity.inputs.emailIdentity);
    if (mail.identity === "verified") problems.push(`Email: creates the identity ${name}, which another stage of the account already has, instead of referencing the one verified in advance`);
    if (!records.some((r) => r.startsWith("CNAME ") && r.endsWith(`._domainkey.${name}`)))
      problems.push(`Email: creates the identity ${name} without its DKIM records, so the deploy waits 45 minutes for them and fails`);
  }
  if (mail.identity === "stage" && referenced.length > 0) problems.push("Email: references an identity the stage should own");
  for (const record of records.filter((r) => r.startsWith("TXT _dmarc."))) {
    const owner = record.slice("TXT _dmarc.".length);
    if (owner.split(".").length < 3) problems.push(`Email: writes the DMARC record of ${owner}, the company's main domain; send from a subdomain`);
  }
  const sets = ofType(s, "aws:sesv2/configurationSet:ConfigurationSet").filter((c) => !c.referencedId);
  for (const build of s.builds.filter((b) => b.links.Email)) {
    const set = (build.links.Email as { configurationSet?: string }).configurationSet;
    if (!sets.some((c) => c.state.configurationSetName === set)) problems.push(`${build.handler}: sends with configuration set ${set}, which the stage does not own`);
  }
  for (const { fn, build } of functions(s)) {
    const sends = roleOf(s, fn).statements.filter((st) => st.effect === "Allow" && st.actions.includes("ses:SendEmail"));
    if (sends.length === 0) continue;
    const anyIdentity = sends.some((st) => st.resources.some((r) => SES_IDENTITIES.test(r)));
    if (mail.sandbox && !anyIdentity) problems.push(`${build.handler}: may send only to the sender's identity, so every notice dies in the SES sandbox`);
    if (!mail.sandbox && anyIdentity) problems.push(`${build.handler}: may send from any identity of the account, though out of the SES sandbox`);
  }
  return problems;
}

export function retentionProblems(s: Synthesis, production: boolean): string[] {
  const problems: string[] = [];
  const table = ofType(s, "aws:dynamodb/table:Table")[0]?.inputs;
  if (Boolean(table?.deletionProtectionEnabled) !== production) {
    problems.push(`table deletion protection is ${table?.deletionProtectionEnabled ? "on" : "off"} in ${s.stage}`);
  }
  if (Boolean(s.outputs._protect) !== production)
    problems.push(`stage ${s.stage} is ${s.outputs._protect ? "" : "not "}protected from sst remove`);
  // The console's files are a build output, uploaded again on every deploy: not data to keep.
  const data = [...ofType(s, "aws:dynamodb/table:Table"), ...ofType(s, "aws:s3/bucket:Bucket")].filter((r) => !REBUILT.has(componentOf(s, r)));
  for (const r of data) {
    const retained = s.retained.includes(`${r.type}::${r.name}`);
    if (retained !== production)
      problems.push(`${componentOf(s, r)} is ${retained ? "kept" : "deleted"} when stage ${s.stage} is removed`);
  }
  return problems;
}

/** Where the stage's console lives, as its user pool client must know it. */
export interface ConsoleUrls {
  signIn: string[];
  signOut: string[];
}

const sorted = (list: unknown) => [...((list as string[] | undefined) ?? [])].sort().join(" ");

/**
 * A stage's own user pool: accounts made by an admin only, one group per
 * role, and one console client that keeps no secret, uses the authorization
 * code flow only, and returns only to the stage's console, behind Cognito's
 * managed sign-in page.
 */
export function userPoolProblems(s: Synthesis, roles: readonly string[], urls: ConsoleUrls): string[] {
  const pools = ofType(s, "aws:cognito/userPool:UserPool");
  if (pools.length !== 1) return [`expected one user pool, found ${pools.length}`];
  const pool = pools[0]!;
  const poolId = mockId(pool.name);
  const problems: string[] = [];
  if (!pool.inputs.adminCreateUserConfig?.allowAdminCreateUserOnly) problems.push("anyone can sign up to the user pool");
  const required = (pool.inputs.schemas ?? []).filter((a: { required?: boolean }) => a.required).map((a: { name: string }) => a.name);
  for (const attribute of ["email", "name"]) if (!required.includes(attribute)) problems.push(`accounts may lack ${attribute}`);

  const groups = ofType(s, "aws:cognito/userGroup:UserGroup").filter((g) => g.inputs.userPoolId === poolId);
  if (sorted(groups.map((g) => g.inputs.name)) !== sorted(roles)) problems.push(`groups are ${sorted(groups.map((g) => g.inputs.name)) || "none"}, expected ${sorted(roles)}`);

  const clients = ofType(s, "aws:cognito/userPoolClient:UserPoolClient").filter((c) => c.inputs.userPoolId === poolId);
  if (clients.length !== 1) return [...problems, `expected one console client, found ${clients.length}`];
  const client = clients[0]!.inputs;
  if (client.generateSecret) problems.push("the console client has a secret");
  if (sorted(client.allowedOauthFlows) !== "code") problems.push(`the console client allows ${sorted(client.allowedOauthFlows)}, expected code only`);
  if (!client.allowedOauthFlowsUserPoolClient) problems.push("the console client cannot use OAuth");
  if (!sorted(client.allowedOauthScopes).split(" ").includes("openid")) problems.push("the console client cannot ask for openid");
  if (sorted(client.callbackUrls) !== sorted(urls.signIn)) problems.push(`sign-in returns to ${sorted(client.callbackUrls)}, expected ${sorted(urls.signIn)}`);
  if (sorted(client.logoutUrls) !== sorted(urls.signOut)) problems.push(`sign-out returns to ${sorted(client.logoutUrls)}, expected ${sorted(urls.signOut)}`);

  const domain = ofType(s, "aws:cognito/userPoolDomain:UserPoolDomain").find((d) => d.inputs.userPoolId === poolId);
  if (!domain) problems.push("the user pool has no sign-in domain");
  else if (domain.inputs.managedLoginVersion !== 2) problems.push("the sign-in domain does not serve managed login");
  const clientId = mockId(clients[0]!.name);
  if (!ofType(s, "aws:cognito/managedLoginBranding:ManagedLoginBranding").some((b) => b.inputs.clientId === clientId)) {
    problems.push("managed login has no page for the console client");
  }
  return problems;
}

interface AlarmMetric {
  namespace: string;
  metricName: string;
  dimensions?: Record<string, string>;
}

/** Namespaces whose metrics are the account's (SES's reputation), not one resource's. */
const ACCOUNT_METRICS = new Set(["AWS/SES"]);

/** What AWS measures per resource: the dimension names the alarm's values must be a deployed resource of. */
const AWS_DIMENSIONS: Record<string, (s: Synthesis) => string[]> = {
  FunctionName: (s) => ofType(s, "aws:lambda/function:Function").map((r) => r.state.name),
  QueueName: (s) => ofType(s, "aws:sqs/queue:Queue").map((r) => r.state.name),
  ApiId: (s) => ofType(s, "aws:apigatewayv2/api:Api").map((r) => `${r.name}-id`),
  TableName: (s) => ofType(s, "aws:dynamodb/table:Table").map((r) => r.state.name),
};

/**
 * Each alarm notifies the stage's alerts topic and watches something real: one
 * of our metrics with exactly the dimensions the code emits it with, or an AWS
 * metric of a resource this stage deploys.
 */
export function alarmProblems(s: Synthesis, emitted: Emitted): string[] {
  const problems: string[] = [];
  const topics = ofType(s, "aws:sns/topic:Topic").filter((t) => t.name === "Alerts");
  if (topics.length !== 1) problems.push(`expected one Alerts topic, found ${topics.length}`);
  const alertsArn = topics[0]?.state.arn;
  const checkMetric = (alarm: string, m: AlarmMetric) => {
    const dimensions = m.dimensions ?? {};
    if (m.namespace === "TESTEX") {
      const found = emitted[m.metricName];
      const keys = Object.keys(dimensions).sort().join(",");
      if (!found) problems.push(`${alarm}: watches ${m.metricName}, which the code never emits`);
      else if (!found.dimensions.includes(keys))
        problems.push(`${alarm}: watches ${m.metricName} by ${keys}, but it is emitted by ${found.dimensions.join(" or ")}`);
      if (dimensions.stage !== s.stage) problems.push(`${alarm}: watches stage ${dimensions.stage}, not ${s.stage}`);
      return;
    }
    if (!m.namespace?.startsWith("AWS/")) problems.push(`${alarm}: unknown namespace ${m.namespace}`);
    if (Object.keys(dimensions).length === 0 && !ACCOUNT_METRICS.has(m.namespace)) problems.push(`${alarm}: ${m.metricName} names no resource`);
    for (const [key, value] of Object.entries(dimensions)) {
      const deployed = AWS_DIMENSIONS[key];
      if (!deployed) problems.push(`${alarm}: unknown dimension ${key}`);
      else if (!deployed(s).includes(value)) problems.push(`${alarm}: ${key} ${value} is not deployed`);
    }
  };
  for (const alarm of ofType(s, "aws:cloudwatch/metricAlarm:MetricAlarm")) {
    const a = alarm.inputs;
    if (!alertsArn || !(a.alarmActions ?? []).includes(alertsArn)) problems.push(`${alarm.name}: does not notify the Alerts topic`);
    if (a.metricName) checkMetric(alarm.name, a as AlarmMetric);
    for (const query of a.metricQueries ?? []) {
      if (query.metric) checkMetric(alarm.name, query.metric);
      const insights = /FROM SCHEMA\("([^"]+)".*WHERE TableName = '([^']+)'/.exec(query.expression ?? "");
      if (insights) checkMetric(alarm.name, { namespace: insights[1]!, metricName: "query", dimensions: { TableName: insights[2]! } });
    }
    if (!a.metricName && !(a.metricQueries ?? []).length) problems.push(`${alarm.name}: watches nothing`);
  }
  return problems;
}

/** Every function that reads `Settings` is told to trust exactly `expected`, and no function holds a shared secret. */
export function issuerProblems(s: Synthesis, expected: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const build of s.builds) {
    const oidc = build.links.Settings?.oidc;
    if (build.links.Settings && !isDeepStrictEqual(oidc, expected)) {
      problems.push(`${build.handler} trusts ${JSON.stringify(oidc)}`);
    }
    for (const [name, link] of Object.entries(build.links)) {
      if ((link as { type?: string }).type === "sst.sst.Secret") problems.push(`${build.handler} holds the secret ${name}`);
    }
  }
  if (ofType(s, "sst:sst:Secret").length > 0) problems.push("the stage defines a shared secret");
  return problems;
}

/** Lambda's limit for a synchronous invocation's request, which carries API Gateway's whole event. */
export const LAMBDA_REQUEST_BYTES = 6 * 1024 * 1024;
/** Headers, path, query and the event's own fields: generous, since a browser's cookies can be large. */
const EVENT_ENVELOPE_BYTES = 64 * 1024;

/** The largest body the API accepts must reach Lambda as API Gateway sends it: base64 inside the event. */
export function payloadProblems(maxBodyBytes: number): string[] {
  const encoded = 4 * Math.ceil(maxBodyBytes / 3) + EVENT_ENVELOPE_BYTES;
  return encoded > LAMBDA_REQUEST_BYTES
    ? [`a ${maxBodyBytes}-byte body becomes a ${encoded}-byte Lambda request, over Lambda's ${LAMBDA_REQUEST_BYTES}`]
    : [];
}
