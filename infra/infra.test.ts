import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { TABLE_KEYS } from "../packages/core/src/db/table";
import { ContractEntity } from "../packages/core/src/contract/entity";
import { stageConfig } from "@testex/stage/config";
import { apiGatewayHosts, contentSecurityPolicy, s3Hosts } from "@testex/stage/console-headers";
import { PUBLIC_ROUTES } from "@testex/stage/api-routes";
import { apiCors } from "@testex/stage/cors";
import { mockId } from "./offline/mock-id";
import { buildFunction } from "./offline/build-function";
import { entityKeyShape } from "./offline/entity-keys";
import { deprecatedUses } from "./offline/deprecations";
import { root } from "./offline/install";
import { METRICS } from "../packages/core/src/metric";
import { MAX_DIRECT_UPLOAD_BYTES, MULTIPART_FRAMING_BYTES } from "../packages/functions/src/api/routes/files";
import { documentedAlarms, documentedMetrics } from "./offline/docs";
import { emittedMetrics } from "./offline/metrics";
import {
  type AccessTable,
  accessProblems,
  alarmProblems,
  authorizerProblems,
  bucketProblems,
  emailProblems,
  payloadProblems,
  selfInvokeProblems,
  functionProblems,
  functions,
  ofType,
  queueProblems,
  retentionProblems,
  tableProblems,
} from "./offline/rules";
import { linkProblems } from "./offline/rehearsal";
import { type Synthesis, synthesize } from "./offline/synthesize";

/** The infrastructure as `sst deploy --stage dev` would create it, run offline under Pulumi mocks. */
let dev: Synthesis;
beforeAll(async () => {
  dev = await synthesize("dev");
}, 300_000);

/** A deep copy to break on purpose. */
const broken = (mutate: (s: Synthesis) => void): Synthesis => {
  const copy = structuredClone(dev);
  mutate(copy);
  return copy;
};
const custom = (s: Synthesis, type: string, name: string) => {
  const found = ofType(s, type).find((r) => r.name === name);
  if (!found) throw new Error(`${type} ${name} not in the synthesis`);
  return found;
};

const ITEMS = [
  "dynamodb:GetItem",
  "dynamodb:BatchGetItem",
  "dynamodb:Query",
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
  "dynamodb:DeleteItem",
  "dynamodb:BatchWriteItem",
  "dynamodb:ConditionCheckItem",
];
const STREAM = ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"];
const READ = ["s3:GetObject", "s3:ListBucket"];
const WRITE = ["s3:PutObject", "s3:AbortMultipartUpload"];
const CONSUME = [
  "sqs:ChangeMessageVisibility",
  "sqs:DeleteMessage",
  "sqs:GetQueueAttributes",
  "sqs:GetQueueUrl",
  "sqs:ReceiveMessage",
];

/** Who uses what: each function reaches exactly these resources, with exactly these actions. */
const ACCESS: AccessTable = {
  "packages/functions/src/api/lambda.handler": {
    actions: {
      Table: ITEMS,
      Files: [...READ, ...WRITE, "s3:DeleteObject"],
      Archives: READ,
      Backups: ["s3:ListBucket"],
      NotificationQueue: ["sqs:SendMessage"],
      // A replay or a ping queues a webhook delivery.
      WebhookQueue: ["sqs:SendMessage"],
      // SES account status for GET /health: an account-level action with no narrower resource.
      "*": ["ses:GetAccount"],
    },
  },
  "packages/functions/src/processor.handler": {
    actions: {
      Table: [...ITEMS, ...STREAM],
      Backups: WRITE,
      // The termination letter is written here; a deleted contract's documents leave the bucket and come back when it is restored.
      Files: [...READ, ...WRITE, "s3:DeleteObject"],
      Archives: [...READ, ...WRITE],
      NotificationQueue: ["sqs:SendMessage"],
      // Each event's webhook deliveries are queued by its fan-out.
      WebhookQueue: ["sqs:SendMessage"],
      // The stream's on-failure destination is written with the function's own role.
      OutboxFailures: ["sqs:SendMessage"],
      // Approval requests go to the approving groups' members, read from the stage's pool.
      Users: ["cognito-idp:ListUsersInGroup"],
    },
  },
  "packages/functions/src/file-handler.handler": {
    actions: { Table: ITEMS, Files: [...READ, "s3:DeleteObject"], Archives: [...READ, ...WRITE], Backups: WRITE },
  },
  "packages/functions/src/notifier.handler": {
    actions: {
      Table: ITEMS,
      // The sender's identity and the stage's configuration set: SES authorises a send on both.
      Sender: ["ses:SendEmail", "ses:SendRawEmail"],
      MailConfig: ["ses:SendEmail", "ses:SendRawEmail"],
      // In the SES sandbox each recipient's verified identity is authorised too.
      "SES identities": ["ses:SendEmail", "ses:SendRawEmail"],
      NotificationQueue: [...CONSUME, "sqs:SendMessage"],
      Files: READ,
    },
  },
  "packages/functions/src/scheduler.handler": {
    actions: {
      Table: ITEMS,
      NotificationQueue: ["sqs:SendMessage"],
      Files: [...READ, "s3:DeleteObject"],
      Archives: [...READ, ...WRITE],
      // A late upload it checks on a terminated contract is archived, and an important one backed up.
      Backups: WRITE,
      // Approval reminders go to the approving groups' members, read from the stage's pool.
      Users: ["cognito-idp:ListUsersInGroup"],
    },
  },
  "packages/functions/src/db-manager.handler": {
    actions: {
      // Export only: it reads the table and may change nothing in it.
      Table: ["dynamodb:Scan"],
      Backups: [...READ, ...WRITE, "s3:DeleteObject"],
      DatabaseManagerHandler: ["lambda:InvokeFunction"],
    },
  },
  "packages/functions/src/delivery-recorder.handler": {
    // A report it could not record goes to its on-failure queue, sent with its own role.
    actions: { Table: ITEMS, MailEventFailures: ["sqs:SendMessage"] },
  },
  // It reads the deliveries and subscriptions, records each attempt, and postpones a message it retries; receivers are URLs, no AWS action.
  "packages/functions/src/webhook-sender.handler": {
    actions: { Table: ITEMS, WebhookQueue: CONSUME },
  },
  // It calls the public GET /health like any client: a URL, no AWS action.
  "packages/functions/src/health-probe.handler": {
    actions: {},
  },
};

describe("the program", () => {
  it("runs to the end without an error", () => {
    expect(dev.errors).toEqual([]);
  });

  it("outputs the API URL and the table and bucket names", () => {
    expect(Object.keys(dev.outputs)).toEqual(expect.arrayContaining(["api", "table", "files", "archives", "backups"]));
    expect(dev.outputs.api).toMatch(/^https:\/\//);
  });
});

describe("the API", () => {
  it("sends every request to the API function and answers CORS for the stage's origins", () => {
    const routes = ofType(dev, "aws:apigatewayv2/route:Route").map((r) => r.inputs.routeKey);
    const integrations = ofType(dev, "aws:apigatewayv2/integration:Integration").map((i) => i.inputs.integrationUri);
    const api = functions(dev).find(({ build }) => build.handler === "packages/functions/src/api/lambda.handler")!.fn;
    expect(routes.sort()).toEqual(["$default", ...PUBLIC_ROUTES].sort());
    expect(new Set(integrations)).toEqual(new Set([api.state.arn]));
    // The local server answers CORS from the same rules (packages/local/src/api-gateway.ts); the origin is the console's.
    const { maxAgeSeconds, ...rules } = apiCors([String(dev.outputs.web)]);
    expect(ofType(dev, "aws:apigatewayv2/api:Api")[0]!.inputs.corsConfiguration).toMatchObject({ ...rules, maxAge: maxAgeSeconds });
  });
});

describe("the API's JWT authorizer", () => {
  const trusted = () => ({ issuer: String(dev.outputs.issuer), audience: String(dev.outputs.clientId) });

  it("trusts the stage's issuer and client, on every route but the health check, the docs and the calendar feed", () => {
    expect(authorizerProblems(dev, trusted(), PUBLIC_ROUTES)).toEqual([]);
  });

  it("is reported missing from a protected route", () => {
    const open = broken((s) => {
      const route = ofType(s, "aws:apigatewayv2/route:Route").find((r) => r.inputs.routeKey === "$default")!;
      route.inputs.authorizationType = "NONE";
      delete route.inputs.authorizerId;
    });
    expect(authorizerProblems(open, trusted(), PUBLIC_ROUTES)).toEqual(["$default: reaches the function without the JWT authorizer"]);
  });

  it("is reported trusting another issuer", () => {
    const elsewhere = broken((s) => void (ofType(s, "aws:apigatewayv2/authorizer:Authorizer")[0]!.inputs.jwtConfiguration.issuer = "https://evil.example"));
    expect(authorizerProblems(elsewhere, trusted(), PUBLIC_ROUTES)).toEqual([`the authorizer trusts issuer https://evil.example, not ${trusted().issuer}`]);
  });
});

describe("the API's largest request", () => {
  it("reaches the function: a direct upload, base64-encoded by API Gateway, fits Lambda's 6 MB request", () => {
    expect(payloadProblems(MAX_DIRECT_UPLOAD_BYTES + MULTIPART_FRAMING_BYTES)).toEqual([]);
  });

  it("is reported when it would not (a 5 MB upload)", () => {
    expect(payloadProblems(5 * 1024 * 1024)).toEqual([
      "a 5242880-byte body becomes a 7056044-byte Lambda request, over Lambda's 6291456",
    ]);
  });
});

describe("the console", () => {
  it("is built from packages/web with the stage's API URL and issuer, and served from a private bucket", () => {
    const build = custom(dev, "command:local:Command", "ConsoleSiteBuilder").inputs;
    expect(build.dir).toBe(path.join(root, "packages/web"));
    expect(build.create).toBe("npm run build");
    expect(build.environment).toEqual({
      VITE_API_URL: dev.outputs.api,
      VITE_OIDC_ISSUER: dev.outputs.issuer,
      VITE_OIDC_CLIENT_ID: dev.outputs.clientId,
    });
    expect(custom(dev, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "ConsoleSiteAssetsPublicAccessBlock").inputs).toMatchObject({
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    expect(Object.keys(dev.outputs)).toContain("web");
  });
});

describe("the console's security headers", () => {
  it("are a CloudFront response headers policy on the console's distribution: CSP with frame-ancestors 'none', nosniff, no referrer, no framing, HSTS", () => {
    const policy = custom(dev, "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy", "ConsoleHeaders");
    const { securityHeadersConfig: config } = policy.inputs;
    const csp: string = config.contentSecurityPolicy.contentSecurityPolicy;
    const region = /https:\/\/\*\.execute-api\.([a-z0-9-]+)\.amazonaws\.com/.exec(csp)?.[1];
    expect(csp).toBe(contentSecurityPolicy({ api: apiGatewayHosts(region!), issuer: String(dev.outputs.issuer), signIn: [String(dev.outputs.signIn)], storage: s3Hosts(region!) }));
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self';");
    expect(config).toMatchObject({
      contentSecurityPolicy: { override: true },
      contentTypeOptions: { override: true },
      referrerPolicy: { override: true, referrerPolicy: "no-referrer" },
      frameOptions: { override: true, frameOption: "DENY" },
      strictTransportSecurity: { override: true, includeSubdomains: true },
    });
    const [distribution, ...others] = ofType(dev, "aws:cloudfront/distribution:Distribution").filter(
      (d) => d.inputs.defaultCacheBehavior?.responseHeadersPolicyId === mockId("ConsoleHeaders"),
    );
    expect(others).toEqual([]);
    expect(distribution!.inputs.comment).toMatch(/^ConsoleRouter /);
  });
});

describe("the API's throttling", () => {
  it("limits every route of the stage to the rate and burst of its configuration", () => {
    const [stage] = ofType(dev, "aws:apigatewayv2/stage:Stage");
    expect(stage!.inputs.defaultRouteSettings).toMatchObject({
      throttlingRateLimit: stageConfig("dev").throttle.rateLimit,
      throttlingBurstLimit: stageConfig("dev").throttle.burstLimit,
    });
  });

  it("is tighter on development stages than in production", () => {
    expect(stageConfig("dev").throttle.rateLimit).toBeLessThan(stageConfig("production").throttle.rateLimit);
    expect(stageConfig("production").throttle.burstLimit).toBeGreaterThanOrEqual(stageConfig("production").throttle.rateLimit);
  });
});

describe("the table", () => {
  it("has the keys, indexes, stream and TTL declared in TABLE_KEYS", () => {
    expect(tableProblems(dev, TABLE_KEYS)).toEqual([]);
  });

  it("has every index the ElectroDB entities query, with the same key attributes", async () => {
    const { shape, conflicts } = await entityKeyShape(root);
    expect(conflicts).toEqual([]);
    expect(Object.keys(shape.globalIndexes).length).toBeGreaterThan(0);
    expect(tableProblems(dev, { ...shape, ttlAttribute: TABLE_KEYS.ttlAttribute })).toEqual([]);
  });

  it("is reported when an entity uses an index the table lacks", async () => {
    const { shape } = await entityKeyShape(root);
    const renamed = {
      ...shape,
      globalIndexes: { ...shape.globalIndexes, gsi9: { hashKey: "gsi9pk", rangeKey: "gsi9sk" } },
    };
    expect(tableProblems(dev, { ...renamed, ttlAttribute: TABLE_KEYS.ttlAttribute })).toContain(
      "index gsi9 is missing",
    );
  });

  it("is reported when an index key differs from the code's", () => {
    const s = broken((s) => {
      custom(s, "aws:dynamodb/table:Table", "TableTable").inputs.globalSecondaryIndexes[1].rangeKey = "gsi2range";
    });
    expect(tableProblems(s, TABLE_KEYS)).toContain("index gsi2 range key is gsi2range, expected gsi2sk");
  });

  it("is reported when an index projects other attributes than TABLE_KEYS declares", () => {
    const s = broken((s) => {
      const index = custom(s, "aws:dynamodb/table:Table", "TableTable").inputs.globalSecondaryIndexes[0];
      index.projectionType = "INCLUDE";
      index.nonKeyAttributes = ["status"];
    });
    expect(tableProblems(s, TABLE_KEYS)).toContain('index gsi1 projects INCLUDE ["status"], expected ALL []');
  });

  it("is reported without its stream or TTL", () => {
    const s = broken((s) => {
      const table = custom(s, "aws:dynamodb/table:Table", "TableTable").inputs;
      table.streamViewType = "KEYS_ONLY";
      delete table.ttl;
    });
    expect(tableProblems(s, TABLE_KEYS)).toEqual([
      "table stream must carry NEW_AND_OLD_IMAGES",
      "table TTL must be enabled on expires_at",
    ]);
  });
});

describe("the buckets", () => {
  // Only the console's own origin may upload: its router's URL (infra/router.ts).
  const origins = () => [String(dev.outputs.web)];

  it("are files, archives, backups and the console's assets only", () => {
    expect(
      ofType(dev, "aws:s3/bucket:Bucket")
        .map((b) => b.name)
        .sort(),
    ).toEqual(["ArchivesBucket", "BackupsBucket", "ConsoleSiteAssetsBucket", "FilesBucket"]);
  });

  it("are encrypted, private, cleaned of abandoned uploads; archives age to cheaper storage; backups are versioned; only files accepts browsers", () => {
    expect(bucketProblems(dev, origins())).toEqual([]);
  });

  it("are reported when one is unencrypted, public, unversioned or open to any origin", () => {
    const s = broken((s) => {
      s.resources = s.resources.filter((r) => r.name !== "ArchivesEncryption");
      custom(
        s,
        "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
        "BackupsPublicAccessBlock",
      ).inputs.blockPublicPolicy = false;
      s.resources = s.resources.filter((r) => r.name !== "BackupsVersioning" && r.name !== "FilesVersioning");
      custom(
        s,
        "aws:s3/bucketCorsConfiguration:BucketCorsConfiguration",
        "FilesCors",
      ).inputs.corsRules[0].allowedOrigins = ["*"];
    });
    expect(bucketProblems(s, origins())).toEqual([
      `Files: CORS origins are *, expected ${origins().join()}`,
      "Files: versioning is off",
      "Archives: no default encryption",
      "Backups: public access is not fully blocked",
      "Backups: versioning is off",
    ]);
  });
});

describe("the table's exports", () => {
  it("expire from the backups bucket after the stage's retention (pre-change copies of records stay)", () => {
    const rules = custom(dev, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "BackupsLifecycle").inputs.rules;
    expect(rules.filter((r: { expiration?: unknown }) => r.expiration)).toEqual([
      expect.objectContaining({ status: "Enabled", filter: { prefix: "exports/" }, expiration: { days: 14 } }),
    ]);
  });
});

describe("spreadsheets uploaded for an import, and exports offered as links", () => {
  it("expire from the documents bucket after a week and a day, and only they", () => {
    const rules = custom(dev, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "FilesLifecycle").inputs.rules;
    expect(rules.filter((r: { expiration?: unknown }) => r.expiration)).toEqual([
      expect.objectContaining({ status: "Enabled", filter: { prefix: "imports/" }, expiration: { days: 7 } }),
      expect.objectContaining({ status: "Enabled", filter: { prefix: "downloads/" }, expiration: { days: 1 } }),
    ]);
  });
});

describe("the notification queue", () => {
  it("has a dead-letter queue and holds a message longer than its consumer may run", () => {
    expect(queueProblems(dev)).toEqual([]);
  });

  it("is reported when a message would reappear while its consumer still runs, or has nowhere to die", () => {
    const s = broken((s) => {
      const queue = custom(s, "aws:sqs/queue:Queue", "NotificationQueueQueue").inputs;
      queue.visibilityTimeoutSeconds = 10;
      delete queue.redrivePolicy;
    });
    expect(queueProblems(s)).toEqual([
      "NotificationQueue: visibility timeout 10s is shorter than its consumer's timeout 30s",
      "NotificationQueue: no dead-letter queue",
    ]);
  });
});

describe("the functions", () => {
  it("are built from handler files that export their handler, within Lambda's limits, on nodejs22.x arm64 with the stage's LOG_LEVEL", () => {
    expect(functionProblems(dev, stageConfig("dev").settings.logLevel)).toEqual([]);
  });

  it("are reported over Lambda's 900 s limit", () => {
    const s = broken((s) => {
      custom(s, "aws:lambda/function:Function", "SchedulerHandlerFunction").inputs.timeout = 901;
    });
    expect(functionProblems(s, "DEBUG")).toEqual([
      "packages/functions/src/scheduler.handler: timeout 901s is outside 1..900",
    ]);
  });

  it("fail to build from a handler file that does not exist or lacks the export", async () => {
    const artifacts = path.join(root, ".sst", "mock-artifacts", "broken");
    try {
      const missingFile = await buildFunction(root, artifacts, {
        functionID: "A",
        handler: "packages/functions/src/nothing.handler",
      });
      const missingExport = await buildFunction(root, artifacts, {
        functionID: "B",
        handler: "packages/functions/src/notifier.main",
      });
      expect(missingFile.errors).toEqual(["handler file not found: packages/functions/src/nothing.{ts,js}"]);
      expect(missingExport.errors).toEqual(['packages/functions/src/notifier does not export "main"']);
    } finally {
      rmSync(artifacts, { recursive: true, force: true });
    }
  });

  it("are each linked to exactly the resources their built bundle reads, and given every variable it reads", () => {
    expect(linkProblems(dev)).toEqual([]);
  });

  it("are reported when one reads a resource it is not linked to (approval reminders read Resource.Web), links one it never reads, or lacks a variable", () => {
    const s = broken((s) => {
      delete s.builds.find((b) => b.handler.endsWith("scheduler.handler"))!.links.Web;
      s.builds.find((b) => b.handler.endsWith("delivery-recorder.handler"))!.links.Files = { name: "files" };
      delete custom(s, "aws:lambda/function:Function", "HealthProbeHandlerFunction").inputs.environment.variables.LOG_LEVEL;
    });
    // Functions are built in parallel: their order is not the program's.
    expect(linkProblems(s).sort()).toEqual([
      "packages/functions/src/delivery-recorder.handler: is linked to Files, which it never reads",
      "packages/functions/src/health-probe.handler: reads process.env.LOG_LEVEL, which it is not given",
      "packages/functions/src/scheduler.handler: reads Resource.Web, which it is not linked to",
    ]);
  });

  it("each link only what it uses and may do only what it needs, with no wildcard action, assumed by Lambda alone", () => {
    expect(accessProblems(dev, ACCESS)).toEqual([]);
  });

  it("are reported when one gets a wildcard action or reaches a resource it does not use", () => {
    const s = broken((s) => {
      const role = custom(s, "aws:iam/role:Role", "SchedulerHandlerRole").inputs;
      const policy = JSON.parse(role.inlinePolicies[0].policy);
      const deadLetters = custom(s, "aws:sqs/queue:Queue", "NotificationDeadLettersQueue").state.arn;
      policy.Statement.push({ effect: "Allow", actions: ["sqs:*"], resources: [deadLetters] });
      role.inlinePolicies[0].policy = JSON.stringify(policy);
    });
    expect(accessProblems(s, ACCESS)).toEqual([
      "packages/functions/src/scheduler.handler: wildcard action sqs:*",
      "packages/functions/src/scheduler.handler: reaches NotificationDeadLetters, which it does not use",
    ]);
  });
});

describe("the contract processor's trigger", () => {
  const entityAttribute = (ContractEntity as unknown as { identifiers: { entity: string } }).identifiers.entity;

  it("is the table stream, filtered to inserted outbox records (by the attribute ElectroDB stores an item's entity in)", () => {
    const [mapping] = ofType(dev, "aws:lambda/eventSourceMapping:EventSourceMapping").filter((m) =>
      String(m.inputs.eventSourceArn).includes("/stream/"),
    );
    expect(JSON.parse(mapping!.inputs.filterCriteria.filters[0].pattern)).toEqual({
      eventName: ["INSERT"],
      dynamodb: { NewImage: { [entityAttribute]: { S: ["outbox"] } } },
    });
    expect(mapping!.inputs.functionResponseTypes).toEqual(["ReportBatchItemFailures"]);
  });
});

describe("mail", () => {
  const { settings, mail } = stageConfig("dev");
  const sender = settings.senderEmail;

  it("is sent from the domain identity verified in advance, with the stage's own configuration set, and whoever sends may also send in the SES sandbox", () => {
    expect(emailProblems(dev, sender, mail)).toEqual([]);
  });

  it("is reported when the identity is a single address, or sending is allowed on the sender's identity alone", () => {
    const s = broken((s) => {
      ofType(s, "aws:sesv2/emailIdentity:EmailIdentity")[0]!.referencedId = sender;
      const notifier = functions(s).find(({ build }) => build.handler.endsWith("notifier.handler"))!.fn;
      const role = ofType(s, "aws:iam/role:Role").find((r) => r.state.arn === notifier.inputs.role)!.inputs;
      const policy = JSON.parse(role.inlinePolicies[0].policy);
      for (const statement of policy.Statement)
        statement.resources = statement.resources.filter((r: string) => !r.endsWith(":identity/*"));
      role.inlinePolicies[0].policy = JSON.stringify(policy);
    });
    expect(emailProblems(s, sender, mail)).toEqual([
      `Email: identity ${sender} is an address, which must click a link to verify; use its domain`,
      "packages/functions/src/notifier.handler: may send only to the sender's identity, so every notice dies in the SES sandbox",
    ]);
  });

  it("is reported when the stage creates the shared identity itself (without DNS records, as before): its deploy would wait 45 minutes and fail", () => {
    const s = broken((s) => {
      const identity = ofType(s, "aws:sesv2/emailIdentity:EmailIdentity")[0]!;
      identity.inputs = { emailIdentity: identity.referencedId };
      delete identity.referencedId;
    });
    expect(emailProblems(s, sender, mail)).toEqual([
      "Email: creates the identity testex-dev.com, which another stage of the account already has, instead of referencing the one verified in advance",
      "Email: creates the identity testex-dev.com without its DKIM records, so the deploy waits 45 minutes for them and fails",
    ]);
  });

  it("is reported when notices are sent with a configuration set the stage does not own (the shared identity's)", () => {
    const s = broken((s) => {
      const notifier = s.builds.find((b) => b.handler.endsWith("notifier.handler"))!;
      notifier.links.Email = { ...notifier.links.Email, configurationSet: "testex-dev.com-default" };
    });
    expect(emailProblems(s, sender, mail)).toEqual([
      "packages/functions/src/notifier.handler: sends with configuration set testex-dev.com-default, which the stage does not own",
    ]);
  });

  it("reports each notice's delivery, bounce and complaint to the delivery recorder", () => {
    const [destination] = ofType(dev, "aws:sesv2/configurationSetEventDestination:ConfigurationSetEventDestination");
    const notifier = dev.builds.find((b) => b.handler.endsWith("notifier.handler"))!;
    expect(destination!.inputs.configurationSetName).toBe(notifier.links.Email!.configurationSet);
    expect([...destination!.inputs.eventDestination.matchingEventTypes].sort()).toEqual(["BOUNCE", "COMPLAINT", "DELIVERY"]);
    const topic = destination!.inputs.eventDestination.snsDestination.topicArn;
    const recorder = functions(dev).find(({ build }) => build.handler.endsWith("delivery-recorder.handler"))!.fn;
    const subscription = ofType(dev, "aws:sns/topicSubscription:TopicSubscription").find((t) => t.inputs.topic === topic);
    expect(subscription?.inputs).toMatchObject({ protocol: "lambda", endpoint: recorder.state.arn });
  });
});

describe("the export's continuation", () => {
  const handler = "packages/functions/src/db-manager.handler";
  // SST shortens function names once the stage name is long: the app name goes first.
  const longStage = "feature-contract-renewals";
  let long: Synthesis;
  beforeAll(async () => {
    long = await synthesize(longStage);
  }, 300_000);
  const byNamePattern = (s: Synthesis) => {
    const copy = structuredClone(s);
    const policy = custom(copy, "aws:iam/rolePolicy:RolePolicy", "DatabaseManagerInvokeSelf").inputs;
    const document = JSON.parse(policy.policy);
    document.Statement[0].resources = [`arn:aws:lambda:us-east-1:123456789012:function:testex-${s.stage}-DatabaseManager*`];
    policy.policy = JSON.stringify(document);
    return copy;
  };

  it("may invoke its own function, whatever name SST gave it", () => {
    expect(long.errors).toEqual([]);
    expect(selfInvokeProblems(dev, handler)).toEqual([]);
    expect(selfInvokeProblems(long, handler)).toEqual([]);
  });

  it("is reported when granted by a name pattern, which a long stage name no longer matches", () => {
    expect(selfInvokeProblems(byNamePattern(dev), handler)).toEqual([]);
    const name = functions(long).find(({ build }) => build.handler === handler)!.fn.state.name;
    expect(name.startsWith(`testex-${longStage}-`)).toBe(false);
    expect(selfInvokeProblems(byNamePattern(long), handler)).toEqual([`${handler}: may not invoke itself (${name})`]);
  });
});

describe("the infra sources", () => {
  // A whole type check of infra: about 20 s of CPU, past two minutes on a loaded machine (seen
  // at a load average of 25). The suite's deadline, which only a hang should reach, applies.
  it("use no API that SST or the AWS provider deprecated (Cron, getRegion's name, …), which is reported when one does", () => {
    const uses = deprecatedUses({
      "deprecated-example.ts": [
        "export const region = aws.getRegionOutput().name;",
        'export const cron = new sst.aws.Cron("Old", { schedule: "rate(1 hour)", function: "a.handler" });',
      ].join("\n"),
    });
    expect(uses).toEqual([
      "infra/deprecated-example.ts:1: 'name' is deprecated.",
      "infra/deprecated-example.ts:2: 'Cron' is deprecated.",
    ]);
  });
});

describe("the alarms", () => {
  const alarms = () => ofType(dev, "aws:cloudwatch/metricAlarm:MetricAlarm");
  const emitted = emittedMetrics(root);
  const alarm = (s: Synthesis, name: string) => custom(s, "aws:cloudwatch/metricAlarm:MetricAlarm", name).inputs;

  it("each watch a metric the code emits, with its dimensions, or a resource the stage deploys, and notify the alerts topic", () => {
    expect(alarmProblems(dev, emitted)).toEqual([]);
  });

  it("are reported when one watches a metric nobody emits, with other dimensions, or of a resource that is not deployed", () => {
    const s = broken((s) => {
      alarm(s, "NoticeDeadAlarm").metricName = "NoticeLost";
      alarm(s, "ExportFailedAlarm").dimensions.kind = "table";
      alarm(s, "DeadNoticesAlarm").dimensions.QueueName = "gone";
      alarm(s, "HealthAlarm").alarmActions = [];
    });
    expect(alarmProblems(s, emitted)).toEqual([
      "ExportFailedAlarm: watches ExportFailed by kind,stage, but it is emitted by stage",
      "NoticeDeadAlarm: watches NoticeLost, which the code never emits",
      "HealthAlarm: does not notify the Alerts topic",
      "DeadNoticesAlarm: QueueName gone is not deployed",
    ]);
  });

  it("are mailed to the stage's operators through one topic", () => {
    const subscriptions = ofType(dev, "aws:sns/topicSubscription:TopicSubscription").filter((t) => t.name.startsWith("AlertsOperator"));
    expect(subscriptions.map((t) => [t.inputs.protocol, t.inputs.endpoint])).toEqual(
      stageConfig("dev").settings.operatorEmails.map((address) => ["email", address]),
    );
  });

  it("watch every function's errors and throttles", () => {
    const deployed = ofType(dev, "aws:lambda/function:Function").map((f) => f.state.name).sort();
    for (const metric of ["Errors", "Throttles"]) {
      const watched = alarms()
        .filter((a) => a.inputs.metricName === metric)
        .map((a) => a.inputs.dimensions.FunctionName);
      expect(watched.sort(), metric).toEqual(deployed);
    }
  });

  it("fire on the first dead notice and on the first outbox batch the stream gave up on", () => {
    for (const queue of ["NotificationDeadLettersQueue", "OutboxFailuresQueue"]) {
      const name = custom(dev, "aws:sqs/queue:Queue", queue).state.name;
      const watching = alarms().find((a) => a.inputs.dimensions?.QueueName === name);
      expect(watching?.inputs, queue).toMatchObject({
        metricName: "ApproximateNumberOfMessagesVisible",
        comparisonOperator: "GreaterThanThreshold",
        threshold: 0,
      });
    }
  });

  it("catch what /health cannot: a surge of refused requests (401s), a lagging stream, a waiting notice, SES's reputation", () => {
    const watched = (name: string) => {
      const a = alarm(dev, name);
      return a.metricName ?? a.metricQueries.map((q: { metric?: { metricName: string } }) => q.metric?.metricName).filter(Boolean).join("/");
    };
    expect(["ApiClientErrorsAlarm", "StreamIteratorAgeAlarm", "NoticeQueueAgeAlarm", "SesBounceRateAlarm", "SesComplaintRateAlarm"].map(watched)).toEqual([
      "4xx/Count",
      "IteratorAge",
      "ApproximateAgeOfOldestMessage",
      "Reputation.BounceRate",
      "Reputation.ComplaintRate",
    ]);
    const processor = functions(dev).find(({ build }) => build.handler.endsWith("processor.handler"))!.fn;
    expect(alarm(dev, "StreamIteratorAgeAlarm").dimensions).toEqual({ FunctionName: processor.state.name });
  });

  it("fire when no export completed for 26 hours, and stay quiet on a new stage until its first export", () => {
    expect(alarm(dev, "ExportMissingAlarm")).toMatchObject({
      metricName: "ExportCompleted",
      period: 3600,
      evaluationPeriods: 26,
      datapointsToAlarm: 26,
      comparisonOperator: "LessThanThreshold",
      threshold: 1,
      treatMissingData: "notBreaching",
    });
  });

  it("are exactly the ones docs/operations.md lists", () => {
    const names = alarms().map((a) => a.name);
    const documented = documentedAlarms();
    expect(names.filter((name) => !documented.some((pattern) => pattern.test(name)))).toEqual([]);
    expect(documented.filter((pattern) => !names.some((name) => pattern.test(name))).map(String)).toEqual([]);
  });
});

describe("the metrics", () => {
  const emitted = emittedMetrics(root);

  it("are each emitted where their event happens, and are exactly the ones docs/operations.md lists", () => {
    expect(Object.keys(emitted).sort()).toEqual(Object.keys(METRICS).sort());
    expect(documentedMetrics().sort()).toEqual(Object.keys(METRICS).sort());
  });
});

describe("a development stage", () => {
  it("can be removed with all its data", () => {
    expect(retentionProblems(dev, false)).toEqual([]);
    expect(dev.app).toMatchObject({ name: "testex", home: "aws", removal: "remove", protect: false });
  });

  it("is reported if it would keep its table", () => {
    const s = broken((s) => s.retained.push("aws:dynamodb/table:Table::TableTable"));
    expect(retentionProblems(s, false)).toEqual(["Table is kept when stage dev is removed"]);
  });
});

describe("the offline harness", () => {
  it("leaves no bundle behind in .sst/platform", () => {
    expect(existsSync(path.join(root, ".sst/platform/testex-mock.dev.deploy.mjs"))).toBe(false);
  });
});
