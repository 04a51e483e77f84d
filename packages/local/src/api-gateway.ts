/**
 * What API Gateway (HTTP API) does in front of the API function that the local
 * server must do too: CORS, configured by infra (infra/cors.ts). The gateway
 * answers every preflight itself, adds the CORS headers to the function's
 * replies for an allowed origin, and drops any CORS header the function set.
 */
import type { ApiCors } from "../../../infra/cors";

type Fetch = (request: Request) => Response | Promise<Response>;

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
