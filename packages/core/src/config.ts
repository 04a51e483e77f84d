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
}

export const settings = (): Settings => Resource.Settings as unknown as Settings;
