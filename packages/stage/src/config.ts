import { ROLES, type Role } from "@testex/core/access";
import type { ApprovalSettings, LetterheadSettings, NamedApprover, ReasonSettings, Settings, WebhookSettings } from "@testex/core/config";

/**
 * Per-stage configuration: the one place a stage's behaviour is decided.
 * Pure data (no SST globals), so the deploy script and the tests read it too.
 * The environments follow the original design's table (ENVIRONMENT, DEBUG,
 * LOG_LEVEL, SENDER_EMAIL); any other stage name (a developer's own, a pull
 * request's) behaves like development.
 */
export type Environment = "development" | "staging" | "production";

/** Settings decided here; `oidc` is resolved at deploy time from the stage's identity (infra/auth.ts). */
type EnvironmentSettings = Omit<Settings, "stage" | "environment" | "oidc">;

const DOCUMENT_TYPES = [
  "application/pdf",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "image/png",
  "image/jpeg",
  "text/plain",
];

/**
 * The approval policy: one approver from 50,000 USD, two from 250,000 USD.
 * A few currencies have round thresholds of their own; every other currency a
 * stage accepts has the USD thresholds converted at its rate below (rounded
 * down to two significant digits). A contract in a currency in neither table
 * is refused. The rates are the stage's policy, not a market feed: review them
 * when a currency moves by more than a few percent.
 */
const APPROVAL: ApprovalSettings = {
  baseCurrency: "USD",
  byCurrency: {
    USD: { one: 50_000, two: 250_000 },
    JPY: { one: 7_500_000, two: 37_500_000 },
    KRW: { one: 70_000_000, two: 350_000_000 },
    INR: { one: 4_000_000, two: 20_000_000 },
    CNY: { one: 350_000, two: 1_750_000 },
  },
  // Units per 1 USD.
  exchangeRates: {
    EUR: 0.86, GBP: 0.75, CHF: 0.8, KWD: 0.307, BHD: 0.376, OMR: 0.385, JOD: 0.709, SAR: 3.75, AED: 3.6725, QAR: 3.64,
    CAD: 1.38, AUD: 1.52, NZD: 1.72, SGD: 1.29, HKD: 7.78, SEK: 9.4, NOK: 10.1, DKK: 6.4, PLN: 3.65, CZK: 20.8,
    HUF: 330, RON: 4.35, ILS: 3.3, TRY: 42, ZAR: 17.3, MXN: 18.4, BRL: 5.4, CLP: 930, COP: 3900, ARS: 1450,
    TWD: 30.5, THB: 32.4, MYR: 4.2, IDR: 16600, PHP: 58.5, VND: 26300, EGP: 47.5, NGN: 1460, KES: 129, MAD: 9.1,
  },
  remindAfterDays: 3,
};

/** Who letters come from: the legal entity, its registered address and who signs (fictional; a stage states its own). */
const LETTERHEAD: LetterheadSettings = {
  legalEntity: "TESTEX Ltd",
  address: ["1 Example Square", "London EC2A 4BX", "United Kingdom"],
  registration: "Registered in England and Wales, company no. 01234567",
  signatory: { name: "Ada Park", title: "Head of Legal" },
};

/** The reasons every stage starts with. */
const REASONS: ReasonSettings[] = [
  { code: "MUTUAL_AGREEMENT", label: "Mutual agreement of the parties", shortNotice: true, commentRequired: false },
  { code: "BREACH", label: "Breach of contract", shortNotice: true, commentRequired: false },
  { code: "CONVENIENCE", label: "Termination for convenience", shortNotice: false, commentRequired: false },
  { code: "NON_RENEWAL", label: "Non-renewal at the end of the term", shortNotice: false, commentRequired: false, endOfTerm: true },
  { code: "INSOLVENCY", label: "Insolvency of a party", shortNotice: false, commentRequired: false },
  { code: "OTHER", label: "Other reasons", shortNotice: false, commentRequired: true },
];

/**
 * Webhook receivers on a deployed stage: public https only; eight attempts
 * over about two hours (1 min apart, doubling, with jitter), 10 s to answer each.
 */
const WEBHOOKS: WebhookSettings = { allowLoopback: false, maxAttempts: 8, retryBaseSeconds: 60, maxDelaySeconds: 2 * 3600, timeoutMs: 10_000 };

const ENVIRONMENTS: Record<Environment, EnvironmentSettings> = {
  development: {
    debug: true,
    logLevel: "DEBUG",
    senderEmail: "noreply@testex-dev.com",
    approval: APPROVAL,
    terminationReasons: REASONS,
    letterhead: LETTERHEAD,
    // Origins beyond the stage's own console, which infra adds from its router's URL (infra/router.ts).
    corsOrigins: [],
    approverEmails: ["approvers@testex-dev.com"],
    operatorEmails: ["operators@testex-dev.com"],
    maxUploadBytes: 25 * 1024 * 1024,
    allowedContentTypes: DOCUMENT_TYPES,
    healthTimeoutMs: 1000,
    webhooks: WEBHOOKS,
  },
  staging: {
    debug: false,
    logLevel: "INFO",
    senderEmail: "noreply@staging.testex.com",
    approval: APPROVAL,
    terminationReasons: REASONS,
    letterhead: LETTERHEAD,
    corsOrigins: [],
    approverEmails: ["approvers@staging.testex.com"],
    operatorEmails: ["operators@staging.testex.com"],
    maxUploadBytes: 25 * 1024 * 1024,
    allowedContentTypes: DOCUMENT_TYPES,
    healthTimeoutMs: 1000,
    webhooks: WEBHOOKS,
  },
  production: {
    debug: false,
    // INFO: the business trail (who requested, approved, terminated, which notice went out) is read in production first.
    logLevel: "INFO",
    // A subdomain of its own: its DKIM and DMARC records never touch the company's main domain.
    senderEmail: "noreply@notices.testex.com",
    approval: APPROVAL,
    terminationReasons: REASONS,
    letterhead: LETTERHEAD,
    corsOrigins: [],
    approverEmails: ["approvers@testex.com"],
    operatorEmails: ["operators@testex.com"],
    maxUploadBytes: 25 * 1024 * 1024,
    allowedContentTypes: DOCUMENT_TYPES,
    healthTimeoutMs: 1000,
    webhooks: WEBHOOKS,
  },
};

/**
 * Who signs people in on a stage. By default the stage's own Cognito user pool
 * (infra/auth.ts), whose groups are named after the roles. A stage may instead
 * trust an enterprise's issuer: its people sign in with their own SSO, and its
 * groups map to TESTEX roles here.
 */
export type Identity =
  | { kind: "cognito" }
  | {
      kind: "external";
      /** The issuer's `iss`, e.g. https://login.microsoftonline.com/<tenant-id>/v2.0. */
      issuer: string;
      /** The console's client (application) id registered with that issuer. */
      clientId: string;
      /** Where its signing keys are published (`jwks_uri` of its discovery document). */
      jwksUrl: string;
      /** The claim that lists a person's groups, e.g. `groups` (Entra ID, Okta). */
      groupsClaim: string;
      /** The role each group grants, by the group's name or id as the issuer sends it. */
      roles: Record<string, Role>;
      /**
       * The people who may approve, by name (TESTEX reads no directory of an
       * enterprise issuer): each is asked in person, the `id` being their
       * subject at the issuer. Without, requests go to the group address.
       */
      approvers?: NamedApprover[];
    };

/** Cognito's groups are the roles themselves: `cognito:groups` lists them by name. */
export const COGNITO_GROUPS_CLAIM = "cognito:groups";
export const rolesByName = (): Record<string, Role> => Object.fromEntries(ROLES.map((role) => [role, role]));

/**
 * Stages that trust an enterprise's issuer instead of their own user pool.
 * `sso-example` shows the shape (a fictional Entra ID tenant) and is what the
 * infra suite checks; add a stage here to point it at your own issuer.
 */
const EXTERNAL_IDENTITY: Record<string, Identity> = {
  "sso-example": {
    kind: "external",
    issuer: "https://login.microsoftonline.com/8f14e45f-ceea-4e7a-9d1b-0a1b2c3d4e5f/v2.0",
    jwksUrl: "https://login.microsoftonline.com/8f14e45f-ceea-4e7a-9d1b-0a1b2c3d4e5f/discovery/v2.0/keys",
    clientId: "2c1f3e9a-5b7d-4c8e-a6f0-9d8e7c6b5a41",
    groupsClaim: "groups",
    roles: {
      "b1946ac9-2492-4e0b-8b1c-7e0a9f3d6c11": "viewer",
      "c4ca4238-a0b9-4382-9dcc-509a6f75849b": "editor",
      "c81e728d-9d4c-4f63-b6a7-3b1e0d2c4f5a": "approver",
      "eccbc87e-4b5c-4e2f-9d8a-1f0e3c2b6a7d": "admin",
    },
    approvers: [
      { id: "5f4dcc3b-5aa7-4c5e-9d1a-0b2c3d4e5f60", email: "grace.hopper@testex.com", name: "Grace Hopper" },
      { id: "6b86b273-ff34-4ce1-9e8d-1c2d3e4f5a6b", email: "alan.kay@testex.com", name: "Alan Kay" },
    ],
  },
};

/**
 * Where sign-in may return to on a console served at `consoleUrl`: its root
 * and its `/callback` page; signing out returns to its root. Nothing else.
 */
export const consoleCallbackUrls = (consoleUrl: string) => ({
  signIn: [`${consoleUrl}/`, `${consoleUrl}/callback`],
  signOut: [`${consoleUrl}/`],
});

/**
 * The port the console's dev server listens on: `npm start` serves it there,
 * and so does `sst dev` (the site's dev command), so sign-in and notice links
 * work the same in both.
 */
export const CONSOLE_DEV_PORT = 3001;

/**
 * Where a stage's console is served. It always goes through the stage's
 * `sst.aws.Router`, whose URL is known before anything is built: sign-in
 * callbacks, CORS and notice links come from it. With `domain`, the router
 * answers on that name, a record in the account's Route 53 zone for it;
 * without, on its CloudFront URL.
 */
export interface WebConfig {
  domain?: string;
}

const WEB: Record<Environment, WebConfig> = {
  development: {},
  staging: {},
  production: { domain: "app.testex.com" },
};

/**
 * Requests per second the stage's gateway lets through (`rateLimit`, steady)
 * and the bucket of requests it absorbs at once (`burstLimit`). Past them it
 * answers 429 itself, before the API function runs.
 */
export interface Throttle {
  rateLimit: number;
  burstLimit: number;
}

const THROTTLES: Record<Environment, Throttle> = {
  development: { rateLimit: 50, burstLimit: 100 },
  staging: { rateLimit: 100, burstLimit: 200 },
  production: { rateLimit: 500, burstLimit: 1000 },
};

/**
 * Infra-only facts about a stage's mail: the app never reads them.
 * - `stage`: the stage creates the SES identity of its sender's domain, and its
 *   DKIM and DMARC records in the account's Route 53 zone for that domain (so
 *   it verifies in minutes). Only one stage per account can own a domain.
 * - `verified`: the identity was created and verified once, in advance
 *   (docs/deploy.md); the stage only references it. Any number of stages share
 *   it, each with its own configuration set, so each gets its own delivery events.
 */
export interface MailConfig {
  identity: "stage" | "verified";
  /**
   * Whether the account's SES is in the sandbox, where it sends only to
   * verified identities and checks each recipient's: the notifier must then be
   * allowed on them too. Production asks for production access (docs/deploy.md).
   */
  sandbox: boolean;
}

const MAIL: Record<Environment, MailConfig> = {
  development: { identity: "verified", sandbox: true },
  staging: { identity: "verified", sandbox: true },
  production: { identity: "stage", sandbox: false },
};

/**
 * What watches a stage. A pull request's stage (`pr-<number>`) lives for a
 * review: it pays for no minute-by-minute probe, and alarms only on work the
 * code lost (dead or failed messages), which a reviewer must hear about.
 */
export interface MonitoringConfig {
  healthProbe: boolean;
  alarms: "all" | "lost-work";
}

export const isPullRequestStage = (stage: string) => /^pr-\d+$/.test(stage);

export interface StageConfig {
  monitoring: MonitoringConfig;
  /** What the app reads through the `Settings` link, less the issuer (see `identity`). */
  settings: Omit<Settings, "oidc">;
  /** Who signs people in; the API trusts tokens from this issuer only. */
  identity: Identity;
  /** Where the console is served (its URL is the router's). */
  web: WebConfig;
  /** The gateway's limits for every route of the stage. */
  throttle: Throttle;
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
  const identity = EXTERNAL_IDENTITY[stage] ?? { kind: "cognito" };
  const problems = identityProblems(identity);
  if (problems.length > 0) throw new Error(`Stage ${stage}'s identity is not usable: ${problems.join("; ")}`);
  return {
    settings: { stage, environment, ...ENVIRONMENTS[environment], ...(identity.kind === "external" && identity.approvers ? { approvers: identity.approvers } : {}) },
    identity,
    web: WEB[environment],
    monitoring: isPullRequestStage(stage) ? { healthProbe: false, alarms: "lost-work" } : { healthProbe: true, alarms: "all" },
    throttle: THROTTLES[environment],
    mail: MAIL[environment],
    protect: environment === "production",
  };
}

/**
 * What makes an external issuer unusable. An issuer is only as trustworthy as
 * its keys: it must be served over HTTPS from a public name, and its groups
 * must map to known roles, so no stage (production least of all) can fall
 * back to a shared secret or a local provider.
 */
export function identityProblems(identity: Identity): string[] {
  if (identity.kind === "cognito") return [];
  const problems: string[] = [];
  const https = (url: string, what: string) => {
    const parsed = URL.parse(url);
    if (!parsed || parsed.protocol !== "https:" || ["localhost", "127.0.0.1", "[::1]"].includes(parsed.hostname)) {
      problems.push(`${what} must be an https URL on a public host`);
    }
  };
  https(identity.issuer, "issuer");
  https(identity.jwksUrl, "jwksUrl");
  if (!identity.clientId) problems.push("clientId is required");
  if (!identity.groupsClaim) problems.push("groupsClaim is required");
  const unknown = Object.values(identity.roles).filter((role) => !(ROLES as readonly string[]).includes(role));
  if (unknown.length > 0) problems.push(`unknown roles: ${unknown.join(", ")}`);
  if (Object.keys(identity.roles).length === 0) problems.push("roles must map at least one group");
  return problems;
}
