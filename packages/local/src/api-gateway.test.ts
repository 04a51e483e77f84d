import { app } from "@testex/functions/api/app";
import { tokenFor } from "#test/api";
import { describe, expect, it } from "vitest";
import { apiCors } from "../../../infra/cors";
import { CONSOLE_DEV_PORT, stageConfig } from "../../../infra/config";
import { withGatewayCors } from "./api-gateway";

/** The local server's front, with the CORS rules infra gives API Gateway for a development stage under `sst dev` (infra/router.ts). */
const cors = apiCors([`http://localhost:${CONSOLE_DEV_PORT}`, ...stageConfig("local").settings.corsOrigins]);
const gateway = withGatewayCors(app.fetch, cors);
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
