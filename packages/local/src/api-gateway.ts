/**
 * What API Gateway (HTTP API) does in front of the API function that the local
 * server must do too. CORS, configured by infra (packages/stage/src/cors.ts): the gateway
 * answers every preflight itself, adds the CORS headers to the function's
 * replies for an allowed origin, and drops any CORS header the function set.
 * And its JWT authorizer (infra/api.ts): a protected route without a valid
 * token is refused before the function runs.
 */
import { createRemoteJWKSet, jwtVerify } from "jose";
import type { OidcSettings } from "@testex/core/config";
import { isPublicRoute } from "@testex/stage/api-routes";
import type { ApiCors } from "@testex/stage/cors";

type Fetch = (request: Request) => Response | Promise<Response>;

/** API Gateway's JWT authorizer accepts RSA signatures only. */
const RSA = ["RS256", "RS384", "RS512"];

/**
 * As API Gateway's JWT authorizer checks a token: signed by one of the issuer's
 * keys, its `iss`, an `aud` naming the client (or, without `aud`, a `client_id`,
 * as Cognito's access tokens carry), not expired, not before its `nbf`. What
 * kind of token it is, the function judges (authenticate.ts).
 */
export function withGatewayAuthorizer(fetch: Fetch, { issuer, audience, jwksUrl }: Pick<OidcSettings, "issuer" | "audience" | "jwksUrl">): Fetch {
  const keys = createRemoteJWKSet(new URL(jwksUrl));
  const valid = async (authorization: string | null) => {
    const token = /^Bearer (\S+)$/i.exec(authorization ?? "")?.[1];
    if (!token) return false;
    try {
      const { payload } = await jwtVerify(token, keys, { issuer, algorithms: RSA, requiredClaims: ["exp"] });
      return payload.aud !== undefined ? [payload.aud].flat().includes(audience) : payload.client_id === audience;
    } catch {
      return false;
    }
  };
  return async (request) => {
    if (isPublicRoute(request.method, new URL(request.url).pathname)) return fetch(request);
    if (await valid(request.headers.get("authorization"))) return fetch(request);
    return Response.json({ message: "Unauthorized" }, { status: 401 });
  };
}

export function withGatewayCors(fetch: Fetch, cors: ApiCors): Fetch {
  const allowed = (origin: string | null) => origin !== null && cors.allowOrigins.includes(origin);
  return async (request) => {
    const origin = request.headers.get("origin");
    if (request.method === "OPTIONS" && origin && request.headers.has("access-control-request-method")) {
      const headers = new Headers();
      if (allowed(origin)) {
        headers.set("access-control-allow-origin", origin);
        headers.set("access-control-allow-methods", cors.allowMethods.join(","));
        headers.set("access-control-allow-headers", cors.allowHeaders.join(","));
        headers.set("access-control-max-age", String(cors.maxAgeSeconds));
      }
      return new Response(null, { status: 204, headers });
    }
    const reply = await fetch(request);
    const headers = new Headers(reply.headers);
    for (const name of [...headers.keys()]) if (name.startsWith("access-control-")) headers.delete(name);
    if (allowed(origin)) {
      headers.set("access-control-allow-origin", origin!);
      headers.set("access-control-expose-headers", cors.exposeHeaders.join(","));
      headers.append("vary", "origin");
    }
    return new Response(reply.body, { status: reply.status, statusText: reply.statusText, headers });
  };
}
