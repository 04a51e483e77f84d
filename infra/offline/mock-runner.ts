/**
 * Runs inside the bundle built by synthesize.ts, in its own Node process:
 * executes the SST program under Pulumi mocks and writes every resource it
 * would create, plus every function build, as JSON.
 *
 * It stands in for the two things a deploy talks to: the Pulumi engine
 * (mocks) and the SST CLI's RPC server (SST_SERVER). Both are pinned to the
 * SST version in package.json; anything unexpected fails loudly.
 */
import * as pulumi from "@pulumi/pulumi";
import { writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { sharedBuild } from "./build-function";
import type { BundleReads } from "./bundle-reads";
import { mockId } from "./mock-id";

export interface MockResource {
  type: string;
  name: string;
  custom: boolean;
  inputs: Record<string, any>;
  state: Record<string, any>;
  /** Set when the program only references an existing resource (`X.get(name, id)`): nothing is created. */
  referencedId?: string;
  /** What a component registered as its outputs (e.g. a site's `_dev`: the command `sst dev` runs for it). */
  outputs?: Record<string, any>;
}

export interface FunctionBuild {
  functionID: string;
  /** As written in infra, e.g. packages/functions/src/notifier.handler. */
  handler: string;
  /** Link name -> properties, what the function reads through `Resource`. */
  links: Record<string, Record<string, unknown>>;
  errors: string[];
  /** What the built bundle reads at run time (links and environment). */
  reads?: BundleReads;
}

export interface Synthesis {
  stage: string;
  /** `sst dev` (functions run on the developer's machine, sites run their dev command) or `sst deploy`. */
  mode: "dev" | "deploy";
  resources: MockResource[];
  outputs: Record<string, unknown>;
  builds: FunctionBuild[];
  errors: string[];
  /** `type::name` of every resource kept when the stage is removed. */
  retained: string[];
  /** What `app({ stage })` in sst.config.ts returned. */
  app: Record<string, unknown>;
}

const ACCOUNT = "123456789012";
const REGION = "us-east-1";

/** Plausible outputs per resource type, so ARNs in policies point back to the resource they name. */
function stateOf(type: string, name: string, inputs: Record<string, any>, id?: string): Record<string, any> {
  const physical = `testex-${name.toLowerCase()}`;
  switch (type) {
    case "aws:dynamodb/table:Table": {
      const arn = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${physical}`;
      return { name: physical, arn, streamArn: `${arn}/stream/2026-01-01T00:00:00.000` };
    }
    case "aws:s3/bucket:Bucket":
    case "aws:s3/bucketV2:BucketV2":
      return { bucket: physical, arn: `arn:aws:s3:::${physical}`, bucketDomainName: `${physical}.s3.amazonaws.com` };
    case "aws:sqs/queue:Queue":
      return {
        name: physical,
        arn: `arn:aws:sqs:${REGION}:${ACCOUNT}:${physical}`,
        url: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${physical}`,
      };
    case "aws:lambda/function:Function": {
      // The name SST gave it (shortened for long stage names), as AWS would keep it.
      const physical = inputs.name ?? `testex-${name.toLowerCase()}`;
      return {
        name: physical,
        arn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${physical}`,
        invokeArn: `arn:aws:apigateway:${REGION}:lambda:path/functions/${physical}/invocations`,
        qualifiedArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${physical}:$LATEST`,
      };
    }
    case "aws:iam/role:Role":
      return { name: physical, arn: `arn:aws:iam::${ACCOUNT}:role/${physical}` };
    case "aws:sesv2/emailIdentity:EmailIdentity":
      return {
        // A referenced identity (`Email.get`) is known by its id, the domain; it keeps the set it was made with.
        emailIdentity: inputs.emailIdentity ?? id,
        configurationSetName: inputs.configurationSetName ?? `${id}-default`,
        arn: `arn:aws:ses:${REGION}:${ACCOUNT}:identity/${inputs.emailIdentity ?? id}`,
        // A domain identity's Easy DKIM tokens, which become CNAME records where the stage has a zone.
        dkimSigningAttributes: { tokens: ["dkim1", "dkim2", "dkim3"] },
      };
    case "aws:sesv2/configurationSet:ConfigurationSet":
      return {
        arn: `arn:aws:ses:${REGION}:${ACCOUNT}:configuration-set/${physical}`,
        configurationSetName: inputs.configurationSetName || id || physical,
      };
    case "aws:acm/certificate:Certificate":
      // The CNAME ACM asks for per name, which a domain's certificate creates in its hosted zone.
      return {
        arn: `arn:aws:acm:us-east-1:${ACCOUNT}:certificate/${physical}`,
        domainValidationOptions: [inputs.domainName, ...(inputs.subjectAlternativeNames ?? [])].map((domainName: string) => ({
          domainName,
          resourceRecordName: `_validation.${domainName}.`,
          resourceRecordType: "CNAME",
          resourceRecordValue: `_validation.acm-validations.aws.`,
        })),
      };
    case "aws:cloudfront/distribution:Distribution":
      return { domainName: `${physical}.cloudfront.net`, arn: `arn:aws:cloudfront::${ACCOUNT}:distribution/${physical}` };
    case "aws:apigatewayv2/api:Api":
      return {
        apiEndpoint: `https://${physical}.execute-api.${REGION}.amazonaws.com`,
        executionArn: `arn:aws:execute-api:${REGION}:${ACCOUNT}:${physical}`,
      };
    default: {
      const service = type.split(":")[1]?.split("/")[0] ?? "unknown";
      return { name: physical, arn: `arn:aws:${service}:${REGION}:${ACCOUNT}:${physical}` };
    }
  }
}

/** Pulumi's wire form of a secret; anything derived from a secret arrives like this. */
const SECRET_SIGNATURE = "4dabf18193072939515e22adb298388d";
function unsecret(value: any): any {
  if (Array.isArray(value)) return value.map(unsecret);
  if (value && typeof value === "object") {
    if (value[SECRET_SIGNATURE] === "1b47061264138c4ac30d75fd1eb44270") return unsecret(value.value);
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, unsecret(item)]));
  }
  return value;
}

const calls: Record<string, (inputs: any) => Record<string, any>> = {
  "aws:index/getRegion:getRegion": () => ({ id: REGION, name: REGION, region: REGION }),
  "aws:index/getPartition:getPartition": () => ({ id: "aws", partition: "aws", dnsSuffix: "amazonaws.com" }),
  "aws:index/getCallerIdentity:getCallerIdentity": () => ({
    id: ACCOUNT,
    accountId: ACCOUNT,
    arn: `arn:aws:iam::${ACCOUNT}:user/ci`,
    userId: "ci",
  }),
  // The statements are returned too: SST reads them back to decide whether a role gets an inline policy.
  "aws:iam/getPolicyDocument:getPolicyDocument": (inputs) => ({
    id: "policy",
    statements: inputs.statements ?? [],
    json: JSON.stringify({ Version: "2012-10-17", Statement: inputs.statements ?? [] }),
  }),
};

/**
 * `program(afterSst)` runs SST's `run()`; `afterSst` is called first thing inside it,
 * after SST registered its own transformations, to observe what they decided.
 */
export async function main(
  app: Record<string, unknown>,
  program: (afterSst: () => void) => Promise<Record<string, unknown>>,
): Promise<void> {
  const [, , outFile, root, stage, mode] = process.argv as [string, string, string, string, string, "dev" | "deploy"];
  const synthesis: Synthesis = { stage, mode, app, resources: [], outputs: {}, builds: [], errors: [], retained: [] };
  const recordRetention = () =>
    pulumi.runtime.registerStackTransformation((args) => {
      if (args.opts.retainOnDelete) synthesis.retained.push(`${args.type}::${args.name}`);
      return undefined;
    });
  const fail = (error: unknown) =>
    synthesis.errors.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
  // Errors thrown inside `apply` surface here rather than from runInPulumiStack.
  process.on("unhandledRejection", fail);
  process.on("uncaughtException", fail);

  // `sst dev` registers functions without waiting for the answer: the run is over once these are answered too.
  const answering = new Set<Promise<unknown>>();
  const track = (work: Promise<unknown>) => {
    answering.add(work);
    void work.finally(() => answering.delete(work));
  };
  // Components' registered outputs: what the CLI reads from the deployment (a site's dev command, its URL).
  const componentOutputs = new Map<string, Record<string, any>>();
  const registerOutputs = pulumi.ComponentResource.prototype["registerOutputs"];
  pulumi.ComponentResource.prototype["registerOutputs"] = function (this: any, outputs?: any) {
    if (outputs && typeof outputs === "object" && this.__pulumiType?.startsWith("sst:")) {
      const key = `${this.__pulumiType}::${this.__name}`;
      track(new Promise<void>((resolve) => pulumi.output(outputs).apply((value) => void (componentOutputs.set(key, unsecret(value)), resolve()))));
    }
    return registerOutputs.call(this, outputs);
  };
  // Where the run's function bundles are shared (synthesize.ts names it by a hash of their inputs).
  const builds = process.env.TESTEX_FUNCTION_BUILDS;
  if (!builds) throw new Error("TESTEX_FUNCTION_BUILDS is not set: run the program through synthesize()");
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    track(new Promise<void>((resolve) => req.on("end", () => void answer().finally(resolve))));
    const answer = async () => {
      const { method, params } = JSON.parse(body) as { method: string; params: [any] };
      const reply = (payload: object) =>
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(payload));
      if (method === "Provider.Aws.Bootstrap")
        return reply({ result: { asset: "testex-mock-assets", state: "testex-mock-state" } });
      // `sst deploy` builds each function; `sst dev` registers it to run locally (and builds it on first call).
      if (method === "Runtime.Build" || method === "Runtime.AddTarget") {
        const built = await sharedBuild(root, builds, params[0].handler);
        synthesis.builds.push({
          functionID: params[0].functionID,
          handler: params[0].handler,
          links: params[0].links,
          errors: built.errors,
          reads: built.reads,
        });
        if (method === "Runtime.AddTarget") {
          for (const error of built.errors) fail(new Error(`${params[0].handler}: ${error}`));
          return reply({ result: {} });
        }
        return reply({ result: { handler: built.handler, out: built.out, errors: built.errors, sourcemaps: [] } });
      }
      // `sst dev` only: the AppSync endpoints the dev bridge connects to.
      if (method === "Provider.Aws.Appsync")
        return reply({ result: { http: "mock-appsync.example.com", realtime: "mock-appsync-realtime.example.com" } });
      fail(
        new Error(
          `The SST program called the CLI method "${method}", which the offline harness does not know (SST internals changed?)`,
        ),
      );
      return reply({ error: `unmocked CLI method ${method}` });
    };
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  process.env.SST_SERVER = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  await pulumi.runtime.setMocks(
    {
      newResource({ type, name, inputs: wireInputs, custom, id }) {
        const inputs = unsecret(wireInputs);
        if (process.env.TESTEX_MOCK_TRACE) process.stderr.write(`resource ${type} ${name}\n`);
        const state = custom ? { ...inputs, ...stateOf(type, name, inputs, id) } : inputs;
        synthesis.resources.push({ type, name, custom: Boolean(custom), inputs, state, ...(id ? { referencedId: id } : {}) });
        return { id: custom ? (id || mockId(name)) : undefined, state };
      },
      call({ token, inputs }) {
        if (process.env.TESTEX_MOCK_TRACE) process.stderr.write(`call ${token}\n`);
        const mock = calls[token];
        if (!mock) throw new Error(`The SST program called "${token}", which the offline harness does not mock`);
        return mock(inputs);
      },
    },
    "testex",
    stage,
    false,
  );

  try {
    synthesis.outputs = (await pulumi.runtime.runInPulumiStack(() => program(recordRetention))) ?? {};
    // Resources registered inside `apply` callbacks finish after the program returns.
    await pulumi.runtime.disconnect();
    while (answering.size > 0) await Promise.all([...answering]);
  } catch (error) {
    fail(error);
  }
  server.close();
  for (const resource of synthesis.resources) {
    const outputs = componentOutputs.get(`${resource.type}::${resource.name}`);
    if (outputs) resource.outputs = outputs;
  }
  writeFileSync(outFile, JSON.stringify(synthesis));
  process.exit(0);
}
