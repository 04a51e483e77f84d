import type { ApprovalSettings, OidcSettings, Settings } from "@testex/core/config";
import { rolesByName, senderDomain, stageConfig } from "@testex/stage/config";
import { GROUPS_CLAIM, LOCAL_CLIENT_ID, localApprovers } from "./people";
import { localPorts } from "./ports";

export interface Endpoints {
  dynamo: string;
  s3: string;
  ses: string;
  sqs: string;
}

export interface LocalResources {
  stage: string;
  table: string;
  buckets: { files: string; archives: string; backups: string };
  queues: { notifications: string; deadLetters: string; outboxFailures: string; webhooks: string; webhookDeadLetters: string };
  settings: Settings;
  /** Where the console is served: notices link there, and the API and the files bucket accept its requests. */
  consoleUrl: string;
}

/** The local provider, seen by the API exactly as a stage's Cognito user pool is: same claims, same group names. */
export const localIssuer = (issuer: string): OidcSettings => ({
  issuer,
  jwksUrl: `${issuer}/jwks`,
  audience: LOCAL_CLIENT_ID,
  groupsClaim: GROUPS_CLAIM,
  roles: rolesByName(),
});

export function localResources(stage: string, issuer: string, overrides: Partial<Settings> = {}, consolePort = localPorts().web): LocalResources {
  const base = stageConfig(stage).settings;
  const consoleUrl = `http://localhost:${consolePort}`;
  const corsOrigins = process.env.CORS_ORIGINS?.split(",") ?? base.corsOrigins;
  return {
    consoleUrl,
    stage,
    table: `testex-${stage}`,
    buckets: { files: `testex-${stage}-files`, archives: `testex-${stage}-archives`, backups: `testex-${stage}-backups` },
    queues: {
      notifications: `testex-${stage}-notifications`,
      deadLetters: `testex-${stage}-notification-dead-letters`,
      outboxFailures: `testex-${stage}-outbox-failures`,
      webhooks: `testex-${stage}-webhooks`,
      webhookDeadLetters: `testex-${stage}-webhook-dead-letters`,
    },
    settings: {
      // The settings a deployed stage of this name would get; a few can be overridden for local runs.
      ...base,
      logLevel: (process.env.LOG_LEVEL as Settings["logLevel"]) ?? "INFO",
      debug: process.env.DEBUG === "true",
      approval: process.env.APPROVAL_THRESHOLD ? withOneApproverFrom(base.approval, Number(process.env.APPROVAL_THRESHOLD)) : base.approval,
      corsOrigins: [...new Set([...corsOrigins, consoleUrl, `http://127.0.0.1:${consolePort}`])],
      oidc: localIssuer(issuer),
      // The local provider's people who may approve, by name; deployed stages fall back to the group mailbox.
      approvers: localApprovers(),
      // Receivers on this machine (127.0.0.1, plain http) are allowed here, and only here; retries come
      // within seconds, so a receiver being written sees them (and the dead-letter queue) at once.
      webhooks: { allowLoopback: true, maxAttempts: 4, retryBaseSeconds: 1, maxDelaySeconds: 8, timeoutMs: 2000 },
      ...overrides,
    },
  };
}

/**
 * The environment a deployed Lambda would see, pointed at the local stand-ins:
 * SST links as `SST_RESOURCE_*` and the SDK's own endpoint variables. App code
 * therefore runs unchanged.
 */
export function localEnvironment(endpoints: Endpoints, resources: LocalResources): Record<string, string> {
  const link = (value: Record<string, unknown>) => JSON.stringify(value);
  return {
    AWS_REGION: "us-east-1",
    // Pinned SDK versions on the machine's Node 20; Lambda runs Node 22 (see README).
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    AWS_ACCESS_KEY_ID: "S3RVER",
    AWS_SECRET_ACCESS_KEY: "S3RVER",
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamo,
    AWS_ENDPOINT_URL_S3: endpoints.s3,
    AWS_ENDPOINT_URL_SESV2: endpoints.ses,
    AWS_ENDPOINT_URL_SES: endpoints.ses,
    AWS_ENDPOINT_URL_SQS: endpoints.sqs,
    // s3rver stores aws-chunked framing verbatim; checksums only where S3 requires them.
    AWS_REQUEST_CHECKSUM_CALCULATION: "WHEN_REQUIRED",
    AWS_RESPONSE_CHECKSUM_VALIDATION: "WHEN_REQUIRED",
    SST_RESOURCE_App: link({ name: "testex", stage: resources.stage }),
    SST_RESOURCE_Table: link({ name: resources.table }),
    SST_RESOURCE_Files: link({ name: resources.buckets.files }),
    SST_RESOURCE_Archives: link({ name: resources.buckets.archives }),
    SST_RESOURCE_Backups: link({ name: resources.buckets.backups }),
    SST_RESOURCE_NotificationQueue: link({ url: `${endpoints.sqs}/000000000000/${resources.queues.notifications}` }),
    SST_RESOURCE_WebhookQueue: link({ url: `${endpoints.sqs}/000000000000/${resources.queues.webhooks}` }),
    SST_RESOURCE_WebhookDeadLetters: link({ url: `${endpoints.sqs}/000000000000/${resources.queues.webhookDeadLetters}` }),
    SST_RESOURCE_OutboxFailures: link({ url: `${endpoints.sqs}/000000000000/${resources.queues.outboxFailures}` }),
    // As deployed: the identity is the sender address's domain.
    SST_RESOURCE_Email: link({ sender: senderDomain(resources.settings.senderEmail), configurationSet: `testex-${resources.stage}-mail` }),
    SST_RESOURCE_Settings: link({ ...resources.settings }),
    SST_RESOURCE_Api: link({ url: `http://localhost:${process.env.PORT ?? 3000}` }),
    SST_RESOURCE_Web: link({ url: resources.consoleUrl }),
    TESTEX_WEB_PORT: new URL(resources.consoleUrl).port,
  };
}

/** The policy with the base currency's one-approver threshold moved (what `APPROVAL_THRESHOLD` does locally); converted currencies follow it. */
const withOneApproverFrom = (approval: ApprovalSettings, one: number): ApprovalSettings => {
  const base = approval.byCurrency[approval.baseCurrency]!;
  return { ...approval, byCurrency: { ...approval.byCurrency, [approval.baseCurrency]: { ...base, one } } };
};
