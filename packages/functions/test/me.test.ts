import { describe, expect, it } from "vitest";
import { call, documented } from "#test/api";

describe("GET /api/me", () => {
  it("names the signed-in person from their token, with the roles their groups map to and what those allow", async () => {
    const ana = { id: "2d5e7b5a-sub-of-ana", email: "ana@testex.example", name: "Ana Ortiz", roles: ["approver"] };
    const reply = documented(await call("GET", "/api/me", { as: ana }));
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ id: ana.id, name: "Ana Ortiz", email: "ana@testex.example", roles: ["approver"], capabilities: ["read", "approve"] });
  });

  it("gives an admin every capability", async () => {
    const reply = await call("GET", "/api/me", { as: "admin" });
    expect(reply.body.capabilities).toEqual(["read", "write", "approve", "admin"]);
  });

  it("refuses a person whose groups map to no role with 403, so a console can say they have no access", async () => {
    const reply = documented(await call("GET", "/api/me", { as: { id: "stranger", roles: ["canteen"] } }));
    expect(reply.status).toBe(403);
    expect(reply.body.code).toBe("auth.forbidden");
  });
});
