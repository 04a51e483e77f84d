/** The stage this build belongs to, fixed at build time (infra/web.ts, or the local stack). */
export const config = {
  /** The API's origin, e.g. https://api.example.com (no trailing `/api`). */
  apiUrl: (import.meta.env.VITE_API_URL ?? "").replace(/\/+$/, ""),
  /** The OpenID Connect issuer that signs people in. */
  issuer: import.meta.env.VITE_OIDC_ISSUER ?? "",
  /** The console's client id at that issuer (authorization code + PKCE, no secret). */
  clientId: import.meta.env.VITE_OIDC_CLIENT_ID || "testex-console",
};
