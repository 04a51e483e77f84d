import { Resource } from "sst";

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
}

export const settings = (): Settings => Resource.Settings as unknown as Settings;
