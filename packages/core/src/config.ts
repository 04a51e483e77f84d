import { Resource } from "sst";
import type { Role } from "./access";

/**
 * The stage's OpenID Connect issuer: its Cognito user pool, an enterprise's
 * own (Entra ID, Okta, Google Workspace…), or locally the checkout's provider.
 * Every token is checked against it; there is no other way in.
 */
export interface OidcSettings {
  /** The `iss` every token must carry, e.g. https://cognito-idp.<region>.amazonaws.com/<pool-id>. */
  issuer: string;
  /** Where the issuer publishes its signing keys (JWKS). */
  jwksUrl: string;
  /** The console's client id: the ID tokens the API accepts name it in `aud` (and in `azp` when they name several audiences). */
  audience: string;
  /** The claim that lists the user's groups, e.g. `cognito:groups` or `groups`. */
  groupsClaim: string;
  /** The role each group grants; a group not named here grants nothing. */
  roles: Record<string, Role>;
}

/** Values at or above `one` need one approver; at or above `two`, two distinct ones. */
export interface ApprovalThresholds {
  one: number;
  two: number;
}

/**
 * Every currency a stage accepts has thresholds: its own in `byCurrency`, or
 * the base currency's converted at the stage's rate in `exchangeRates`. A
 * currency with neither is refused (there is no default: 50,000 means very
 * different sums in KWD and in JPY).
 */
export interface ApprovalSettings {
  /** The currency `exchangeRates` are quoted against; it must have thresholds in `byCurrency`. */
  baseCurrency: string;
  /** By ISO 4217 code: amounts differ by orders of magnitude between currencies (USD vs JPY). */
  byCurrency: Record<string, ApprovalThresholds>;
  /** Units of a currency that one unit of `baseCurrency` buys (USD → KWD about 0.31), for currencies without their own thresholds. */
  exchangeRates: Record<string, number>;
  /** Approvers are reminded of a request that has waited longer than this many days. */
  remindAfterDays: number;
}

/** One reason in the catalogue. */
export interface ReasonSettings {
  /** Stable code stored on the termination (e.g. BREACH). */
  code: string;
  /** What people read (notices, the letter, the report). */
  label: string;
  /** Whether it may end a contract sooner than its notice period. */
  shortNotice: boolean;
  /** Whether the requester must say more (`notes`). */
  commentRequired: boolean;
  /** Whether it ends the contract on its term's last day and no other (non-renewal). */
  endOfTerm?: boolean;
}

/** Someone who may decide terminations, as the stage's identity names them. */
export interface NamedApprover {
  /** Their subject id at the issuer, so they are never asked to decide their own request. */
  id?: string;
  email: string;
  name?: string;
}

/** A Cognito user pool: the members of the groups whose role may approve (`oidc.roles`). */
export interface ApproverDirectorySettings {
  kind: "cognito-user-pool";
  userPoolId: string;
}

/** Who the stage's letters come from: the letterhead, and who signs them. */
export interface LetterheadSettings {
  /** The legal entity, as registered (e.g. "TESTEX Ltd"): the party that gives notice. */
  legalEntity: string;
  /** Its registered address, one line each. */
  address: string[];
  /** Registration details printed under the address (company number, VAT id), if any. */
  registration?: string;
  /** The person who signs for the legal entity, with their title. */
  signatory: { name: string; title: string };
}

/** How webhooks reach their receivers on a stage. */
export interface WebhookSettings {
  /**
   * Whether a receiver may be plain http on the loopback address (127.0.0.1,
   * ::1). Only the local stack sets it; a deployed stage sends to public
   * https addresses and nothing else.
   */
  allowLoopback: boolean;
  /** Attempts before a delivery is dead and its message moves to the dead-letter queue (the queue's maxReceiveCount). */
  maxAttempts: number;
  /** The first retry waits about this long; each next one twice as long (with jitter), at most `maxDelaySeconds`. */
  retryBaseSeconds: number;
  maxDelaySeconds: number;
  /** How long a receiver has to answer one delivery. */
  timeoutMs: number;
}

/** Per-stage settings, provided by the `Settings` link (infra) or by the local runtime. */
export interface Settings {
  stage: string;
  environment: "development" | "staging" | "production" | (string & {});
  logLevel: "DEBUG" | "INFO" | "WARN" | "ERROR";
  debug: boolean;
  senderEmail: string;
  /** Who must approve a termination, by the contract's value in its currency (contract/approval.ts). */
  approval: ApprovalSettings;
  /** The reasons a termination may give, and each one's rules; the six built-in codes unless a stage says otherwise. */
  terminationReasons: ReasonSettings[];
  corsOrigins: string[];
  /** The letterhead and signatory of the termination letter. */
  letterhead: LetterheadSettings;
  /** Where approval requests go when no approver can be named: a group mailbox, the fallback. */
  approverEmails: string[];
  /**
   * The people who may approve, by name, from the stage's identity (the local
   * provider's people, or an external issuer's mapping): each gets the
   * request and its reminders, with a link to it.
   */
  approvers?: NamedApprover[];
  /**
   * Where the stage's identity lists its people, when it has a directory to
   * ask: its Cognito user pool, whose approving groups' members are the
   * approvers (directory/). Without one, `approvers` names them.
   */
  approverDirectory?: ApproverDirectorySettings;
  /** Who receives system alerts (dead notices, failed backups). */
  operatorEmails: string[];
  /** Largest contract document accepted, in bytes. */
  maxUploadBytes: number;
  /** Content types a contract document may have (checked by magic bytes too). */
  allowedContentTypes: string[];
  /** How long `/health` waits for each dependency before calling it a timeout. */
  healthTimeoutMs: number;
  /** Who signs people in: tokens are verified against this issuer only. */
  oidc: OidcSettings;
  webhooks: WebhookSettings;
}

export const settings = (): Settings => Resource.Settings as unknown as Settings;

/** The API's public base URL (no trailing slash): the health probe calls it. */
export const apiUrl = (): string => Resource.Api.url.replace(/\/+$/, "");

/** The console's public base URL (no trailing slash): notices link people to its pages. */
export const consoleUrl = (): string => Resource.Web.url.replace(/\/+$/, "");
