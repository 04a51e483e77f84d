import { exportJWK, generateKeyPair, importJWK, SignJWT } from "jose";
import { mkdtempSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { can, ROLES, settings } from "@testex/core";
import { mintToken, oidcKeys, stackSigner } from "#test/local";
import { uniqueEmail } from "#test/fixtures";
import { app } from "../src/api/app";
import { tokenVerifier } from "../src/api/middleware/authenticate";
import { operationsOf } from "../src/api/operations";
import { call } from "#test/api";

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const viewer = { id: "user-viewer", roles: ["viewer"] };

async function expectUnauthenticated(headers: Record<string, string>) {
  const reply = await call("GET", "/api/contracts", { headers });
  expect(reply.status).toBe(401);
  expect(reply.headers.get("content-type")).toBe("application/problem+json");
  expect(reply.body.code).toBe("auth.unauthenticated");
}

describe("authentication of API calls", () => {
  it("refuses a call without a token with 401", () => expectUnauthenticated({}));

  it("refuses credentials that are not a bearer token with 401", () => expectUnauthenticated({ authorization: "Basic dXNlcjpwYXNz" }));

  it("refuses a token signed with a key the stage's issuer did not publish with 401", async () => {
    const stranger = { ...stackSigner(), keysFile: join(mkdtempSync(join(tmpdir(), "testex-stranger-")), "keys.json") };
    await expectUnauthenticated(bearer(await mintToken(viewer, stranger)));
  });

  it("refuses a token signed with a shared secret (HS256) with 401, whatever it claims", async () => {
    const { issuer, audience } = settings().oidc;
    const { signing } = oidcKeys(stackSigner().keysFile);
    const token = await new SignJWT({ "cognito:groups": ["admin"] })
      .setProtectedHeader({ alg: "HS256", kid: signing.kid })
      .setSubject("mallory")
      .setIssuer(issuer)
      .setAudience(audience)
      .setExpirationTime("5m")
      .sign(new TextEncoder().encode("a-secret-anyone-could-hold-0123456789"));
    await expectUnauthenticated(bearer(token));
  });

  it("refuses an expired token with 401", async () =>
    expectUnauthenticated(bearer(await mintToken(viewer, stackSigner(), Math.floor(Date.now() / 1000) - 60))));

  it("refuses an unsigned token (alg none) with 401", () =>
    expectUnauthenticated(bearer(`${base64url({ alg: "none", typ: "JWT" })}.${base64url({ sub: "mallory", roles: ["admin"] })}.`)));

  it("refuses a token that names no subject with 401", async () => {
    const { issuer, audience } = settings().oidc;
    const { signing } = oidcKeys(stackSigner().keysFile);
    const token = await new SignJWT({ "cognito:groups": ["admin"] })
      .setProtectedHeader({ alg: signing.alg, kid: signing.kid })
      .setIssuer(issuer)
      .setAudience(audience)
      .setExpirationTime("1h")
      .sign(await importJWK(signing, signing.alg));
    await expectUnauthenticated(bearer(token));
  });

  it("grants nothing for a role it does not know", async () => {
    const reply = await call("GET", "/api/contracts", { as: { id: "user-x", roles: ["superuser"] } });
    expect(reply.status).toBe(403);
    expect(reply.body.code).toBe("auth.forbidden");
  });

  it("lets each role do exactly what the roles table grants, on every route", async () => {
    for (const op of operationsOf(app).filter((op) => op.spec.access !== "public")) {
      const path = op.path.replace(/:\w+/g, "not-an-id");
      for (const role of ROLES) {
        const reply = await call(op.method, path, { as: role });
        const allowed = can({ id: role, roles: [role] }, op.spec.access as Exclude<typeof op.spec.access, "public">);
        if (allowed) expect([401, 403], `${role} ${op.method} ${op.path}`).not.toContain(reply.status);
        else expect(reply.status, `${role} ${op.method} ${op.path}`).toBe(403);
      }
    }
  });

  it("records the token's subject as the audit actor, with the name and e-mail its claims give, whatever the request claims", async () => {
    const alice = { id: `user-alice-${Date.now()}`, email: "alice@example.com", name: "Alice Example", roles: ["editor"] };
    const created = await call("POST", "/api/clients", {
      as: alice,
      headers: { "x-actor": "mallory", "x-user-id": "mallory" },
      body: { name: "Alice's client", email: uniqueEmail() },
    });
    expect(created.status).toBe(201);
    const trail = await call("GET", `/api/clients/${created.body.client_id}/audit`, { as: "viewer" });
    expect(trail.body.items).toHaveLength(1);
    expect(trail.body.items[0]).toMatchObject({ actor: alice.id, actor_email: alice.email, actor_name: alice.name, action: "client.created" });
  });
});

describe("tokens from a stage's OpenID Connect issuer", () => {
  const issuer = "https://issuer.example.test/pool";
  const audience = "testex-web";
  let keys: Awaited<ReturnType<typeof generateKeyPair>>;
  let server: Server;
  let jwksUrl: string;

  beforeAll(async () => {
    keys = await generateKeyPair("RS256");
    const jwk = { ...(await exportJWK(keys.publicKey)), kid: "key-1", alg: "RS256", use: "sig" };
    server = createServer((_, res) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    jwksUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/.well-known/jwks.json`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const roles = { viewer: "viewer", editor: "editor", approver: "approver", admin: "admin" } as const;
  const verifier = (groupsClaim = "cognito:groups", mapping: Record<string, (typeof ROLES)[number]> = roles) =>
    tokenVerifier({ issuer, audience, jwksUrl, groupsClaim, roles: mapping });
  const sign = (claims: Record<string, unknown>, key = keys.privateKey, options: { iss?: string; aud?: string | string[]; typ?: string } = {}) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: "RS256", kid: "key-1", ...(options.typ ? { typ: options.typ } : {}) })
      .setSubject("cognito-user-1")
      .setIssuer(options.iss ?? issuer)
      .setAudience(options.aud ?? audience)
      .setIssuedAt()
      .setExpirationTime("5m")
      .sign(key);
  const refused = async (token: string) => expect(verifier()(token)).rejects.toMatchObject({ code: "auth.unauthenticated" });

  it("accepts a token signed with the issuer's published key and reads roles from the configured claim", async () => {
    const actor = await verifier()(await sign({ "cognito:groups": ["approver", "some-other-group"], email: "ann@example.com", name: "Ann Example" }));
    expect(actor).toEqual({ id: "cognito-user-1", email: "ann@example.com", name: "Ann Example", roles: ["approver"] });
  });

  it("maps an enterprise's groups to roles through the stage's mapping, and grants nothing for a group it does not name", async () => {
    const entra = verifier("groups", { "0f1e2d3c-group-legal": "editor", "9a8b7c6d-group-board": "approver" });
    expect(await entra(await sign({ groups: ["0f1e2d3c-group-legal", "9a8b7c6d-group-board"] }))).toMatchObject({ roles: ["editor", "approver"] });
    expect(await entra(await sign({ groups: ["admin", "ffffffff-group-canteen"] }))).toMatchObject({ roles: [] });
  });

  it("answers 503, not 401, when the issuer's keys cannot be fetched", async () => {
    const unreachable = tokenVerifier({ issuer, audience, jwksUrl: "http://127.0.0.1:9/.well-known/jwks.json", groupsClaim: "cognito:groups", roles });
    await expect(unreachable(await sign({}))).rejects.toMatchObject({ code: "auth.unavailable" });
  });

  it("refuses a token from another issuer", async () => {
    await expect(verifier()(await sign({}, keys.privateKey, { iss: "https://elsewhere.example.test" }))).rejects.toMatchObject({ code: "auth.unauthenticated" });
  });

  it("accepts a Cognito ID token (token_use id)", async () => {
    expect(await verifier()(await sign({ token_use: "id", "cognito:groups": ["editor"] }))).toMatchObject({ roles: ["editor"] });
  });

  it("refuses a Cognito access token, which names the app as client_id instead of aud", async () => {
    const token = await new SignJWT({ client_id: audience, token_use: "access", "cognito:groups": ["editor"] })
      .setProtectedHeader({ alg: "RS256", kid: "key-1" })
      .setSubject("cognito-user-2")
      .setIssuer(issuer)
      .setIssuedAt()
      .setExpirationTime("5m")
      .sign(keys.privateKey);
    await refused(token);
  });

  it("refuses an access token that says so in its token_use, even with the app as aud", async () => refused(await sign({ token_use: "access" })));

  it("refuses an RFC 9068 access token (typ at+jwt)", async () => refused(await sign({}, keys.privateKey, { typ: "at+jwt" })));

  it("refuses a token with no expiry", async () => {
    const token = await new SignJWT({}).setProtectedHeader({ alg: "RS256", kid: "key-1" }).setSubject("x").setIssuer(issuer).setAudience(audience).setIssuedAt().sign(keys.privateKey);
    await refused(token);
  });

  it("refuses a token issued in the future beyond a minute's clock skew, and accepts one within it", async () => {
    const now = Math.floor(Date.now() / 1000);
    const issuedAt = (iat: number) =>
      new SignJWT({}).setProtectedHeader({ alg: "RS256", kid: "key-1" }).setSubject("x").setIssuer(issuer).setAudience(audience).setIssuedAt(iat).setExpirationTime(now + 3600).sign(keys.privateKey);
    await refused(await issuedAt(now + 600));
    expect(await verifier()(await issuedAt(now + 30))).toMatchObject({ id: "x" });
  });

  it("refuses a token for several audiences that does not name this app as its authorized party (azp)", async () => {
    await refused(await sign({}, keys.privateKey, { aud: [audience, "another-app"] }));
    await refused(await sign({ azp: "another-app" }, keys.privateKey, { aud: [audience, "another-app"] }));
    expect(await verifier()(await sign({ azp: audience }, keys.privateKey, { aud: [audience, "another-app"] }))).toMatchObject({ id: "cognito-user-1" });
  });

  it("refuses a token that names no audience at all", async () => {
    const token = await new SignJWT({}).setProtectedHeader({ alg: "RS256", kid: "key-1" }).setSubject("x").setIssuer(issuer).setExpirationTime("5m").sign(keys.privateKey);
    await expect(verifier()(token)).rejects.toMatchObject({ code: "auth.unauthenticated" });
  });

  it("refuses a token for another audience", async () => {
    await expect(verifier()(await sign({}, keys.privateKey, { aud: "another-app" }))).rejects.toMatchObject({ code: "auth.unauthenticated" });
    await expect(verifier()(await sign({ client_id: audience }, keys.privateKey, { aud: "another-app" }))).rejects.toMatchObject({ code: "auth.unauthenticated" });
  });

  it("refuses a token signed with a key the issuer did not publish", async () => {
    const stranger = await generateKeyPair("RS256");
    await expect(verifier()(await sign({}, stranger.privateKey))).rejects.toMatchObject({ code: "auth.unauthenticated" });
  });

  it("refuses an HS256 token even if it carries the right issuer and audience", async () => {
    const token = await new SignJWT({ "cognito:groups": ["admin"] })
      .setProtectedHeader({ alg: "HS256", kid: "key-1" })
      .setSubject("mallory")
      .setIssuer(issuer)
      .setAudience(audience)
      .setExpirationTime("5m")
      .sign(new TextEncoder().encode("guessable"));
    await expect(verifier()(token)).rejects.toMatchObject({ code: "auth.unauthenticated" });
  });
});
