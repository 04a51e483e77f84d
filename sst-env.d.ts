/* The resources the app reads through `Resource` (SST links). Kept in the repo so app code type-checks offline. */
import "sst";
declare module "sst" {
  export interface Resource {
    App: { name: string; stage: string; type: "sst.sst.Linkable" };
    Web: { url: string; type: "sst.aws.StaticSite" };
    Table: { name: string; type: "sst.aws.Dynamo" };
    Files: { name: string; type: "sst.aws.Bucket" };
    Archives: { name: string; type: "sst.aws.Bucket" };
    Backups: { name: string; type: "sst.aws.Bucket" };
    Email: { sender: string; type: "sst.aws.Email" };
    NotificationQueue: { url: string; type: "sst.aws.Queue" };
    Settings: {
      stage: string;
      environment: string;
      logLevel: "DEBUG" | "INFO" | "WARN" | "ERROR";
      debug: boolean;
      senderEmail: string;
      approvalThreshold: number;
      corsOrigins: string[];
      approverEmails: string[];
      operatorEmails: string[];
      maxUploadBytes: number;
      allowedContentTypes: string[];
      healthTimeoutMs: number;
      oidc: { issuer: string; jwksUrl: string; audience: string; groupsClaim: string; roles: Record<string, "viewer" | "editor" | "approver" | "admin"> };
      type: "sst.sst.Linkable";
    };
  }
}
export {};
