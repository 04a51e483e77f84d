import { describe, expect, it } from "vitest";
import { call } from "../src/api/test-client";

describe("GET /api/me", () => {
  it("says who the token names and which roles it grants", async () => {
    const reply = await call("GET", "/api/me", { as: { id: "user-me-test", email: "me@example.com", roles: ["approver"] } });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ id: "user-me-test", email: "me@example.com", roles: ["approver"] });
  });

  it("needs a token", async () => {
    expect((await call("GET", "/api/me")).status).toBe(401);
  });
});
