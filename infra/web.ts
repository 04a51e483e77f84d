import { api } from "./api";
import { oidc, signInDomain } from "./auth";
import { CONSOLE_HEADERS, contentSecurityPolicy } from "./console-headers";
import { abandonedUploads, harden } from "./storage";

/**
 * The console's security headers (infra/console-headers.ts, the values the
 * local console server sends too) on every response CloudFront gives, with
 * HSTS, which only an HTTPS origin may send.
 */
export const consoleHeadersPolicy = new aws.cloudfront.ResponseHeadersPolicy("ConsoleHeaders", {
  comment: "TESTEX console: CSP, nosniff, referrer, framing",
  securityHeadersConfig: {
    contentSecurityPolicy: {
      override: true,
      contentSecurityPolicy: $util
        .all([api.url, oidc.issuer, signInDomain ?? ""])
        .apply(([apiUrl, issuer, signIn]) => contentSecurityPolicy({ api: apiUrl, issuer, signIn: signIn ? [signIn] : [] })),
    },
    contentTypeOptions: { override: true },
    referrerPolicy: { override: true, referrerPolicy: CONSOLE_HEADERS["Referrer-Policy"] },
    frameOptions: { override: true, frameOption: CONSOLE_HEADERS["X-Frame-Options"] },
    strictTransportSecurity: { override: true, accessControlMaxAgeSec: 63_072_000, includeSubdomains: true, preload: false },
  },
  customHeadersConfig: { items: [{ header: "Permissions-Policy", value: CONSOLE_HEADERS["Permissions-Policy"], override: true }] },
});


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
    cdn: (args) => {
      args.defaultCacheBehavior = $resolve([args.defaultCacheBehavior]).apply(([behavior]) => ({ ...behavior, responseHeadersPolicyId: consoleHeadersPolicy.id }));
    },
  },
});

harden("WebAssets", web.nodes.assets!.name, [abandonedUploads]);

export const outputs = { web: web.url };
