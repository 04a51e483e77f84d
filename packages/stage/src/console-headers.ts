/**
 * The security headers every response of the console carries: from
 * CloudFront on a stage (a response headers policy, infra/web.ts) and from
 * the local console server (packages/local/src/console.ts). Pure data, so
 * both read the same values and the tests check them.
 */

/** Where the console's scripts may connect: the API, and the issuer's endpoints that the sign-in calls with fetch (discovery, token, keys). */
export interface ConsoleOrigins {
  /** The API's URL, or a CSP host source with a wildcard (`https://*.execute-api.<region>.amazonaws.com`). */
  api: string;
  issuer: string;
  /** Other origins of the issuer's endpoints (Cognito's token endpoint is on the pool's sign-in domain, not the issuer's host). */
  signIn?: string[];
  /** Where presigned uploads go and export links lead: the files bucket's S3 endpoint, or a host source with a wildcard. */
  storage?: string;
}

/** Every HTTP API of a region: how a stage's CSP names its API (infra/web.ts says why). */
export const apiGatewayHosts = (region: string) => `https://*.execute-api.${region}.amazonaws.com`;

/** Every bucket of a region, as presigned URLs name them (virtual-hosted style): how a stage's CSP names its files bucket. */
export const s3Hosts = (region: string) => `https://*.s3.${region}.amazonaws.com`;

/** A URL's origin; a host source with a wildcard is already one. */
const origin = (url: string) => (url.includes("*") ? url : new URL(url).origin);

/**
 * The console's Content Security Policy: its own scripts and styles only (no
 * inline script, no eval), connections to the API, the issuer and the files
 * bucket (presigned uploads, export links) only, never framed (`frame-ancestors 'none'`: no click-jacking of Approve), no plugins,
 * forms and `<base>` kept to the console itself. React's `style` props are
 * set through the DOM, which `style-src` does not govern.
 */
export function contentSecurityPolicy({ api, issuer, signIn = [], storage }: ConsoleOrigins): string {
  const connect = [...new Set([origin(api), origin(issuer), ...signIn.map(origin), ...(storage ? [origin(storage)] : [])])];
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${connect.join(" ")}`,
    // A silent token renewal loads the issuer's authorize page in a hidden frame.
    `frame-src ${[origin(issuer), ...signIn.map(origin)].join(" ")}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** The other headers, by name, with the values both servers send. */
export const CONSOLE_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  // Console addresses name contracts; no other site needs to learn them.
  "Referrer-Policy": "no-referrer",
  // For browsers older than CSP's frame-ancestors.
  "X-Frame-Options": "DENY",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
} as const;

/** Everything a response of the console carries (HSTS aside: only the HTTPS stage sends it). */
export const consoleHeaders = (origins: ConsoleOrigins): Record<string, string> => ({
  "Content-Security-Policy": contentSecurityPolicy(origins),
  ...CONSOLE_HEADERS,
});
