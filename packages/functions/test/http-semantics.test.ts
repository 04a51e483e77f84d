/**
 * What HTTP itself promises, over a real socket: a wrong method is a 405 with
 * `Allow`, a 401 says how to authenticate, and a refused body leaves the
 * connection usable.
 */
import { describe, expect, it } from "vitest";
import { mintToken } from "#test/local";
import { call, documented, tokenFor } from "#test/api";
import { servedApp } from "#test/served";


const served = servedApp();

describe("a wrong method on a known path", () => {
  it("is a 405 naming the methods the path answers in Allow", async () => {
    const reply = documented(await call("PATCH", "/api/contracts/CT0000NOSUCH", { as: "admin", body: { title: "x" } }));
    expect(reply.status).toBe(405);
    expect(reply.body.code).toBe("method.not_allowed");
    expect(reply.headers.get("allow")).toBe("DELETE, GET, HEAD, PUT");
  });

  it("is a 405 on a public path too", async () => {
    const reply = await call("DELETE", "/openapi.json");
    expect(reply.status).toBe(405);
    expect(reply.headers.get("allow")).toBe("GET, HEAD");
  });

  it("leaves an unknown path a 404", async () => {
    const reply = documented(await call("GET", "/api/nothing-here", { as: "viewer" }));
    expect(reply.status).toBe(404);
    expect(reply.headers.get("allow")).toBeNull();
  });
});

describe("a 401", () => {
  it("asks for a bearer token in WWW-Authenticate", async () => {
    const reply = await call("GET", "/api/contracts");
    expect(reply.status).toBe(401);
    expect(reply.headers.get("www-authenticate")).toBe('Bearer realm="testex"');
  });

  it("says the token was invalid when one was sent", async () => {
    const reply = await call("GET", "/api/contracts", { headers: { authorization: "Bearer not.a.token" } });
    expect(reply.status).toBe(401);
    expect(reply.headers.get("www-authenticate")).toBe('Bearer realm="testex", error="invalid_token"');
  });

  it("refuses a validly signed token whose subject is longer than 255 bytes, before anything is written", async () => {
    const token = await mintToken({ id: `user-${"x".repeat(2040)}`, roles: ["editor"] });
    const reply = await call("POST", "/api/clients", { headers: { authorization: `Bearer ${token}` }, body: { name: "Long Sub Ltd", email: "long-sub@example.com" } });
    expect(reply.status).toBe(401);
    expect(reply.body.code).toBe("auth.unauthenticated");
    expect((await call("GET", "/api/clients?email=long-sub@example.com", { as: "viewer" })).status).toBe(404);
  });
});

describe("a body over the limit", () => {
  it("is a 413 after which the next request on the same client still succeeds", async () => {
    const authorization = `Bearer ${await tokenFor("editor")}`;
    const big = JSON.stringify({ name: "x".repeat(2 * 1024 * 1024), email: "big@example.com" });
    for (let i = 0; i < 3; i++) {
      const refused = await fetch(`${served.url()}/api/clients`, { method: "POST", headers: { authorization, "content-type": "application/json" }, body: big });
      expect(refused.status).toBe(413);
      await refused.text();
      const next = await fetch(`${served.url()}/api/contracts?limit=1`, { headers: { authorization } });
      expect(next.status).toBe(200);
      await next.text();
    }
  });
});
