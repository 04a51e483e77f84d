import { api } from "./api";
import { oidc, signInDomain } from "./auth";
import { CONSOLE_DEV_PORT } from "@testex/stage/config";
import { apiGatewayHosts, CONSOLE_HEADERS, contentSecurityPolicy, s3Hosts } from "@testex/stage/console-headers";
import { consoleUrl, router, useConsoleHeadersPolicy } from "./router";
import { abandonedUploads, harden } from "./storage";

/**
 * The console's security headers (packages/stage/src/console-headers.ts, the values the
 * local console server sends too) on every response the router's CloudFront
 * gives, with HSTS, which only an HTTPS origin may send. The router takes it
 * by id. Its CSP names the API by the region's API Gateway host, not by the
 * API's own URL: the API takes its CORS origin from the router's URL, so
 * naming the API here would make the router wait for itself.
 */
if (router) {
  const consoleHeadersPolicy = new aws.cloudfront.ResponseHeadersPolicy("ConsoleHeaders", {
    comment: "TESTEX console: CSP, nosniff, referrer, framing",
    securityHeadersConfig: {
      contentSecurityPolicy: {
        override: true,
        contentSecurityPolicy: $util
          .all([aws.getRegionOutput().region, oidc.issuer, signInDomain ?? ""])
          .apply(([region, issuer, signIn]) => contentSecurityPolicy({ api: apiGatewayHosts(region), issuer, signIn: signIn ? [signIn] : [], storage: s3Hosts(region) })),
      },
      contentTypeOptions: { override: true },
      referrerPolicy: { override: true, referrerPolicy: CONSOLE_HEADERS["Referrer-Policy"] },
      frameOptions: { override: true, frameOption: CONSOLE_HEADERS["X-Frame-Options"] },
      strictTransportSecurity: { override: true, accessControlMaxAgeSec: 63_072_000, includeSubdomains: true, preload: false },
    },
    customHeadersConfig: { items: [{ header: "Permissions-Policy", value: CONSOLE_HEADERS["Permissions-Policy"], override: true }] },
  });
  useConsoleHeadersPolicy(consoleHeadersPolicy.id);
}

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
