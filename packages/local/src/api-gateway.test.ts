import { app } from "@testex/functions/api/app";
import { settings } from "@testex/core";
import { tokenFor } from "#test/api";
import { describe, expect, it } from "vitest";
import { apiCors } from "@testex/stage/cors";
import { CONSOLE_DEV_PORT, stageConfig } from "@testex/stage/config";
import { withGatewayAuthorizer, withGatewayCors } from "./api-gateway";

/** The local server's front, with the CORS rules infra gives API Gateway for a development stage under `sst dev` (infra/router.ts). */
const cors = apiCors([`http://localhost:${CONSOLE_DEV_PORT}`, ...stageConfig("local").settings.corsOrigins]);
const gateway = withGatewayCors(withGatewayAuthorizer(app.fetch, settings().oidc), cors);
const ALLOWED = cors.allowOrigins[0]!;
const send = (path: string, init: RequestInit) => gateway(new Request(`http://localhost${path}`, init));

describe("the local API gateway's CORS, as API Gateway applies infra's rules", () => {
  it("grants an allowed origin on a reply, exposing the headers clients read", async () => {
    const reply = await send("/api/contracts", { headers: { origin: ALLOWED, authorization: `Bearer ${await tokenFor("viewer")}` } });
    expect(reply.status).toBe(200);
    expect(reply.headers.get("access-control-allow-origin")).toBe(ALLOWED);
    expect(reply.headers.get("access-control-expose-headers")).toContain("etag");
  });

  it("grants nothing to any other origin", async () => {
    const reply = await send("/health", { headers: { origin: "https://evil.example" } });
    expect(reply.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("answers a preflight itself, without a token and without the function, allowing the headers the API reads", async () => {
    const reply = await send("/api/contracts/CT0000000001", {
      method: "OPTIONS",
      headers: { origin: ALLOWED, "access-control-request-method": "PUT", "access-control-request-headers": "authorization,if-match,content-type" },
    });
    expect(reply.status).toBe(204);
    expect(reply.headers.get("access-control-allow-origin")).toBe(ALLOWED);
    expect(reply.headers.get("access-control-allow-headers")).toContain("if-match");
    expect(reply.headers.get("access-control-max-age")).toBe(String(cors.maxAgeSeconds));
  });
});

describe("the local API gateway's JWT authorizer, as API Gateway applies infra's", () => {
  /** The app behind a gateway, counting the requests that reach it. */
  const counted = () => {
    const reached: string[] = [];
    const front = withGatewayAuthorizer((request) => (reached.push(new URL(request.url).pathname), app.fetch(request)), settings().oidc);
    const send = (path: string, init: RequestInit = {}) => front(new Request(`http://localhost${path}`, init));
    return { reached, send };
  };

  it("refuses a protected route without a token with API Gateway's 401, never reaching the function", async () => {
    const { reached, send } = counted();
    const reply = await send("/api/contracts");
    expect(reply.status).toBe(401);
    expect(await reply.json()).toEqual({ message: "Unauthorized" });
    expect(reached).toEqual([]);
  });

  it("refuses a token not signed by the issuer, never reaching the function", async () => {
    const { reached, send } = counted();
    const [header, payload] = (await tokenFor("viewer")).split(".");
    const reply = await send("/api/contracts", { headers: { authorization: `Bearer ${header}.${payload}.AAAA` } });
    expect(reply.status).toBe(401);
    expect(reached).toEqual([]);
  });

  it("lets a valid token through to the function", async () => {
    const { reached, send } = counted();
    const reply = await send("/api/contracts", { headers: { authorization: `Bearer ${await tokenFor("viewer")}` } });
    expect(reply.status).toBe(200);
    expect(reached).toEqual(["/api/contracts"]);
  });

  it("lets the health check, the docs and the calendar feed through without a token", async () => {
    const { reached, send } = counted();
    for (const path of ["/health", "/openapi.json", "/docs", "/calendar/not-a-secret.ics"]) await send(path);
    expect(reached).toEqual(["/health", "/openapi.json", "/docs", "/calendar/not-a-secret.ics"]);
  });

  it("lets an OPTIONS request through without a token, as API Gateway's public OPTIONS route does", async () => {
    const { reached, send } = counted();
    await send("/api/contracts", { method: "OPTIONS" });
    expect(reached).toEqual(["/api/contracts"]);
  });
});
