import { describe, expect, it } from "vitest";
import { call } from "../src/api/test-client";

describe("the API on the test stack", () => {
  it("answers health", async () => {
    const reply = await call("GET", "/health");
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ status: "ok" });
  });
});
