import { stageConfig } from "./config";

export const config = stageConfig($app.stage);

/** The stage's settings, read by the app as `Resource.Settings`. */
export const settings = new sst.Linkable("Settings", { properties: config.settings });

/** Signs and verifies bearer tokens; set per stage with `sst secret set AuthSecret <value>`. */
export const authSecret = new sst.Secret("AuthSecret");
