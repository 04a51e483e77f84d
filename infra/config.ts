import type { Settings } from "../packages/core/src/config";

/**
 * Per-stage configuration: the one place a stage's behaviour is decided.
 * Pure data (no SST globals), so the deploy script and the tests read it too.
 * The environments follow the original design's table (ENVIRONMENT, DEBUG,
 * LOG_LEVEL, SENDER_EMAIL); any other stage name (a developer's own, a pull
 * request's) behaves like development.
 */
export type Environment = "development" | "staging" | "production";

type EnvironmentSettings = Omit<Settings, "stage" | "environment">;

const DOCUMENT_TYPES = [
  "application/pdf",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "image/png",
  "image/jpeg",
  "text/plain",
];

const ENVIRONMENTS: Record<Environment, EnvironmentSettings> = {
  development: {
    debug: true,
    logLevel: "DEBUG",
    senderEmail: "noreply@testex-dev.com",
    approvalThreshold: 50_000,
    corsOrigins: ["http://localhost:3000", "http://127.0.0.1:3000"],
    approverEmails: ["approvers@testex-dev.com"],
    operatorEmails: ["operators@testex-dev.com"],
    maxUploadBytes: 25 * 1024 * 1024,
    allowedContentTypes: DOCUMENT_TYPES,
    healthTimeoutMs: 1000,
    // Tokens are HS256 with the stage's AuthSecret until an issuer (e.g. a Cognito user pool) is set here.
    oidc: null,
  },
  staging: {
    debug: false,
    logLevel: "INFO",
    senderEmail: "noreply@staging.testex.com",
    approvalThreshold: 50_000,
    corsOrigins: ["https://staging.testex.com"],
    approverEmails: ["approvers@staging.testex.com"],
    operatorEmails: ["operators@staging.testex.com"],
    maxUploadBytes: 25 * 1024 * 1024,
    allowedContentTypes: DOCUMENT_TYPES,
    healthTimeoutMs: 1000,
    // Tokens are HS256 with the stage's AuthSecret until an issuer (e.g. a Cognito user pool) is set here.
    oidc: null,
  },
  production: {
    debug: false,
    logLevel: "WARN",
    senderEmail: "noreply@testex.com",
    approvalThreshold: 50_000,
    corsOrigins: ["https://app.testex.com"],
    approverEmails: ["approvers@testex.com"],
    operatorEmails: ["operators@testex.com"],
    maxUploadBytes: 25 * 1024 * 1024,
    allowedContentTypes: DOCUMENT_TYPES,
    healthTimeoutMs: 1000,
    // Tokens are HS256 with the stage's AuthSecret until an issuer (e.g. a Cognito user pool) is set here.
    oidc: null,
  },
};

/** Infra-only facts about a stage's mail: the app never reads them. */
export interface MailConfig {
  /**
   * Whether the sender's domain is a Route 53 hosted zone of the stage's
   * account: SES's DKIM and DMARC records are then created in it. Without one
   * those records are added by hand (docs/deploy.md) before the domain verifies.
   */
  hostedZone: boolean;
}

const MAIL: Record<Environment, MailConfig> = {
  development: { hostedZone: false },
  staging: { hostedZone: false },
  production: { hostedZone: true },
};

export interface StageConfig {
  /** What the app reads through the `Settings` link. */
  settings: Settings;
  mail: MailConfig;
  /** Production keeps its data when the stage is removed and refuses `sst remove`. */
  protect: boolean;
}

/**
 * SES verifies the sender's domain, never the single address: an address
 * (noreply@…) must click a link sent to it, which may never arrive.
 */
export function senderDomain(senderEmail: string): string {
  const at = senderEmail.lastIndexOf("@");
  if (at < 1 || at === senderEmail.length - 1) throw new Error(`senderEmail ${senderEmail} is not an e-mail address`);
  return senderEmail.slice(at + 1).toLowerCase();
}

export function environmentOf(stage: string): Environment {
  return stage === "production" || stage === "staging" ? stage : "development";
}

export function stageConfig(stage: string): StageConfig {
  const environment = environmentOf(stage);
  return {
    settings: { stage, environment, ...ENVIRONMENTS[environment] },
    mail: MAIL[environment],
    protect: environment === "production",
  };
}
