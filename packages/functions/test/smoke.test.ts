import { describe, expect, it } from "vitest";
import { call } from "#test/api";

describe("the API on the test stack", () => {
  it("answers health without a token", async () => {
    const reply = await call("GET", "/health");
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ status: "ok" });
  });

  it("refuses an API call without a token with 401", async () => {
    const reply = await call("GET", "/api/contracts");
    expect(reply.status).toBe(401);
    expect(reply.headers.get("content-type")).toBe("application/problem+json");
  });

  it("lets a viewer list contracts", async () => {
    const reply = await call("GET", "/api/contracts", { as: "viewer" });
    expect(reply.status).toBe(200);
  });

  it("refuses a viewer's write with 403", async () => {
    const reply = await call("POST", "/api/clients", { as: "viewer", body: { name: "X", email: "x@example.com" } });
    expect(reply.status).toBe(403);
  });
});
