import { approverDirectory, oidc } from "./auth";
import { stageConfig } from "@testex/stage/config";
import { corsOrigins } from "./router";

export const config = stageConfig($app.stage);

/** The stage's settings, read by the app as `Resource.Settings`, with the issuer its tokens must come from. */
export const settings = new sst.Linkable("Settings", { properties: { ...config.settings, corsOrigins, oidc, ...(approverDirectory ? { approverDirectory } : {}) } });
