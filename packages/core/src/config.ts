import { Resource } from "sst";

/** A stage's OpenID Connect issuer (e.g. a Cognito user pool); without it, tokens are HS256 with the AuthSecret. */
export interface OidcSettings {
  /** The `iss` every token must carry, e.g. https://cognito-idp.<region>.amazonaws.com/<pool-id>. */
  issuer: string;
  /** Where the issuer publishes its signing keys (JWKS). */
  jwksUrl: string;
  /** The `aud` every token must carry (for Cognito: the app client id). */
  audience: string;
  /** The claim that lists the user's roles, e.g. `cognito:groups`. */
  rolesClaim: string;
}

/** Per-stage settings, provided by the `Settings` link (infra) or by the local runtime. */
export interface Settings {
  stage: string;
  environment: "development" | "staging" | "production" | (string & {});
  logLevel: "DEBUG" | "INFO" | "WARN" | "ERROR";
  debug: boolean;
  senderEmail: string;
  /** Terminations of contracts worth at least this much need an approver. */
  approvalThreshold: number;
  corsOrigins: string[];
  /** Who receives approval requests. */
  approverEmails: string[];
  /** Who receives system alerts (dead notices, failed backups). */
  operatorEmails: string[];
  /** Largest contract document accepted, in bytes. */
  maxUploadBytes: number;
  /** Content types a contract document may have (checked by magic bytes too). */
  allowedContentTypes: string[];
  /** Verify tokens against this issuer instead of the stage's signing secret. */
  oidc: OidcSettings | null;
}

export const settings = (): Settings => Resource.Settings as unknown as Settings;

/** The console's public base URL (no trailing slash): notices link people to its pages. */
export const consoleUrl = (): string => Resource.Web.url.replace(/\/+$/, "");
