import { decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import { settings } from "@testex/core";
import { PEOPLE } from "./people";
import { signIn } from "./sign-in";

// The test stack's provider, as the API sees it.
const issuer = () => settings().oidc.issuer;
const authorize = (params: Record<string, string>) =>
  fetch(`${issuer()}/auth?${new URLSearchParams({ client_id: "testex-console", response_type: "code", scope: "openid email profile", ...params })}`, { redirect: "manual" });
const PKCE = { code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", code_challenge_method: "S256" };

describe("the local OpenID Provider", () => {
  it("signs in every seeded person with their password, in an ID token shaped as Cognito's", async () => {
    for (const person of PEOPLE) {
      const claims = decodeJwt((await signIn(issuer(), person.login, person.password)).id_token);
      expect(claims).toMatchObject({
        iss: issuer(),
        aud: "testex-console",
        sub: person.sub,
        name: person.name,
        email: person.email,
        "cognito:groups": person.groups,
      });
    }
  });

  it("has a viewer, an editor, two approvers and an admin, each with a stable subject of their own", () => {
    expect(PEOPLE.map((p) => p.groups.join())).toEqual(["viewer", "editor", "approver", "approver", "admin"]);
    expect(new Set(PEOPLE.map((p) => p.sub)).size).toBe(PEOPLE.length);
  });

  it("refuses a wrong password and asks again, saying so", async () => {
    await expect(signIn(issuer(), "ana", "ben-testex")).rejects.toThrow('Wrong username or password for "ana".');
  });

  it("requires PKCE: a request without a code challenge goes back to the console with an error", async () => {
    const reply = await authorize({ redirect_uri: "http://localhost:3001/" });
    expect(reply.status).toBe(303);
    const back = new URL(reply.headers.get("location")!);
    expect(back.origin).toBe("http://localhost:3001");
    expect(back.searchParams.get("error")).toBe("invalid_request");
  });

  it("returns only to this machine: any loopback port is accepted, another host is refused", async () => {
    const local = await authorize({ redirect_uri: "http://127.0.0.1:5173/callback", ...PKCE });
    expect(new URL(local.headers.get("location")!, issuer()).pathname).toMatch(/^\/interaction\//);
    const elsewhere = await authorize({ redirect_uri: "https://attacker.example/callback", ...PKCE });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.headers.get("location")).toBeNull();
  });

  it("lets a console on any loopback port exchange its code from the browser (CORS)", async () => {
    const reply = await fetch(`${issuer()}/token`, {
      method: "OPTIONS",
      headers: { origin: "http://localhost:4173", "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
    });
    expect(reply.headers.get("access-control-allow-origin")).toBe("http://localhost:4173");
  });

  it("publishes its discovery document with PKCE S256, its keys and the end-session endpoint", async () => {
    const discovery = await (await fetch(`${issuer()}/.well-known/openid-configuration`)).json();
    expect(discovery).toMatchObject({
      issuer: issuer(),
      jwks_uri: settings().oidc.jwksUrl,
      code_challenge_methods_supported: ["S256"],
      end_session_endpoint: `${issuer()}/session/end`,
    });
  });
});
