import { api } from "./api";
import { oidc } from "./auth";
import { abandonedUploads, harden } from "./storage";


/**
 * The console: a static single-page app on S3 and CloudFront. Everything it
 * knows about the stage is fixed at build time: the API's URL and who signs
 * people in (issuer and the console's client id).
 */
export const web = new sst.aws.StaticSite("Web", {
  path: "packages/web",
  build: { command: "npm run build", output: "dist" },
  environment: {
    VITE_API_URL: api.url,
    VITE_OIDC_ISSUER: oidc.issuer,
    VITE_OIDC_CLIENT_ID: oidc.audience,
  },
  // Paths that are no file (a console page linked from a notice) get index.html, StaticSite's default error page.
  transform: {
    // Only CloudFront reads the site's files; browsers never reach the bucket itself.
    assets: (args) => {
      args.cors = false;
    },
  },
});

harden("WebAssets", web.nodes.assets!.name, [abandonedUploads]);

export const outputs = { web: web.url };
