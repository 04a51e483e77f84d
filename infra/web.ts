import { api } from "./api";
import { oidc } from "./auth";
import { CONSOLE_DEV_PORT } from "./config";
import { consoleUrl, router } from "./router";
import { abandonedUploads, harden } from "./storage";

/**
 * The console: a static single-page app on S3, served through the stage's
 * router (infra/router.ts). Everything it knows about the stage is fixed at
 * build time: the API's URL and who signs people in (issuer and the
 * console's client id). Under `sst dev` nothing is deployed for it: its dev
 * server runs on the port `npm start` uses, with the same variables.
 */
export const web = new sst.aws.StaticSite("ConsoleSite", {
  path: "packages/web",
  router: router && { instance: router },
  build: { command: "npm run build", output: "dist" },
  environment: {
    VITE_API_URL: api.url,
    VITE_OIDC_ISSUER: oidc.issuer,
    VITE_OIDC_CLIENT_ID: oidc.audience,
  },
  dev: { command: `npx vite --port ${CONSOLE_DEV_PORT} --strictPort`, url: consoleUrl },
  // Paths that are no file (a console page linked from a notice) get index.html, StaticSite's default error page.
  transform: {
    // Only CloudFront reads the site's files; browsers never reach the bucket itself.
    assets: (args) => {
      args.cors = false;
    },
  },
});

// Under `sst dev` the site has no bucket (StaticSite returns before creating one).
if (web.nodes.assets) harden("ConsoleSiteAssets", web.nodes.assets.name, [abandonedUploads]);
