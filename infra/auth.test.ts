import { beforeAll, describe, expect, it } from "vitest";
import { ROLES } from "../packages/core/src/access";
import { COGNITO_GROUPS_CLAIM, consoleCallbackUrls, identityProblems, rolesByName, stageConfig, type Identity } from "@testex/stage/config";
import { mockId } from "./offline/mock-id";
import { functions, issuerProblems, ofType, roleOf, userPoolProblems } from "./offline/rules";
import { type Synthesis, synthesize } from "./offline/synthesize";

/** A deep copy to break on purpose. */
const broken = (s: Synthesis, mutate: (s: Synthesis) => void): Synthesis => {
  const copy = structuredClone(s);
  mutate(copy);
  return copy;
};
const only = (s: Synthesis, type: string) => ofType(s, type)[0]!;

/** Whether a function's role allows ListUsersInGroup (on `arn`, when given). */
const functionMayList = (s: Synthesis, handler: string, arn?: string) => {
  const { fn } = functions(s).find(({ build }) => build.handler === handler)!;
  return roleOf(s, fn).statements.some(
    (st) => st.effect === "Allow" && st.actions.includes("cognito-idp:ListUsersInGroup") && (arn === undefined || st.resources.join() === arn),
  );
};

/** What the API must trust on a stage with its own user pool: that pool, for tokens the console client got. */
const cognitoIssuer = (s: Synthesis) => {
  const issuer = `https://cognito-idp.us-east-1.amazonaws.com/${mockId(only(s, "aws:cognito/userPool:UserPool").name)}`;
  return {
    issuer,
    jwksUrl: `${issuer}/.well-known/jwks.json`,
    audience: mockId(only(s, "aws:cognito/userPoolClient:UserPoolClient").name),
    groupsClaim: COGNITO_GROUPS_CLAIM,
    roles: rolesByName(),
  };
};

describe("a stage with its own user pool", () => {
  let dev: Synthesis;
  beforeAll(async () => {
    dev = await synthesize("dev");
  }, 300_000);

  /** The stage's console, at its router's URL. */
  const web = () => String(dev.outputs.web);

  it("has admin-made accounts with names and e-mails, the four role groups, and one public code+PKCE console client behind managed sign-in", () => {
    expect(dev.errors).toEqual([]);
    expect(userPoolProblems(dev, ROLES, consoleCallbackUrls(web()))).toEqual([]);
  });

  it("sends sign-in back to the stage's console, served by its router", () => {
    expect(web()).toMatch(/^https:\/\/[\w-]+\.cloudfront\.net$/);
    expect(only(dev, "aws:cognito/userPoolClient:UserPoolClient").inputs.callbackUrls.sort()).toEqual([`${web()}/`, `${web()}/callback`]);
  });

  it("is reported when the client keeps a secret, allows the implicit flow, or returns anywhere else", () => {
    const s = broken(dev, (s) => {
      const client = only(s, "aws:cognito/userPoolClient:UserPoolClient").inputs;
      client.generateSecret = true;
      client.allowedOauthFlows = ["code", "implicit"];
      client.callbackUrls = [...client.callbackUrls, "https://evil.example/"];
    });
    expect(userPoolProblems(s, ROLES, consoleCallbackUrls(web()))).toEqual([
      "the console client has a secret",
      "the console client allows code implicit, expected code only",
      `sign-in returns to https://evil.example/ ${web()}/ ${web()}/callback, expected ${web()}/ ${web()}/callback`,
    ]);
  });

  it("is reported when a role has no group, anyone may sign up, or the sign-in page is missing", () => {
    const s = broken(dev, (s) => {
      s.resources = s.resources.filter((r) => !(r.type === "aws:cognito/userGroup:UserGroup" && r.inputs.name === "approver"));
      s.resources = s.resources.filter((r) => r.type !== "aws:cognito/userPoolDomain:UserPoolDomain");
      only(s, "aws:cognito/userPool:UserPool").inputs.adminCreateUserConfig = { allowAdminCreateUserOnly: false };
    });
    expect(userPoolProblems(s, ROLES, consoleCallbackUrls(web()))).toEqual([
      "anyone can sign up to the user pool",
      "groups are admin editor viewer, expected admin approver editor viewer",
      "the user pool has no sign-in domain",
    ]);
  });

  it("sends its invitations through the stage's SES identity, which allows Cognito (of this account) to use it", () => {
    const identity = only(dev, "aws:sesv2/emailIdentity:EmailIdentity");
    expect(only(dev, "aws:cognito/userPool:UserPool").inputs.emailConfiguration).toMatchObject({ emailSendingAccount: "DEVELOPER", sourceArn: identity.state.arn });
    const policy = only(dev, "aws:sesv2/emailIdentityPolicy:EmailIdentityPolicy").inputs;
    expect(policy.emailIdentity).toBe("testex-dev.com");
    expect(JSON.parse(policy.policy).Statement[0]).toMatchObject({ principals: [{ type: "Service", identifiers: ["email.cognito-idp.amazonaws.com"] }], resources: [identity.state.arn] });
  });

  it("tells every function to trust that pool's tokens for the console, with groups as roles, and holds no shared secret", () => {
    expect(issuerProblems(dev, cognitoIssuer(dev))).toEqual([]);
  });

  it("is reported when a function trusts another issuer", () => {
    const s = broken(dev, (s) => {
      s.builds[0]!.links.Settings = { ...s.builds[0]!.links.Settings, oidc: { ...cognitoIssuer(dev), issuer: "http://127.0.0.1:3002" } };
    });
    expect(issuerProblems(s, cognitoIssuer(dev))).toHaveLength(1);
  });

  it("tells every function to read approvers from that pool's groups, and lets only the processor and the scheduler list them, on that pool alone", () => {
    const pool = only(dev, "aws:cognito/userPool:UserPool");
    const directories = dev.builds.filter((build) => build.links.Settings).map((build) => build.links.Settings!.approverDirectory);
    expect(new Set(directories.map((d) => JSON.stringify(d)))).toEqual(new Set([JSON.stringify({ kind: "cognito-user-pool", userPoolId: mockId(pool.name) })]));
    const listing = dev.builds.filter((build) => functionMayList(dev, build.handler, pool.state.arn)).map((build) => build.handler).sort();
    expect(listing).toEqual(["packages/functions/src/processor.handler", "packages/functions/src/scheduler.handler"]);
  });

  it("outputs the issuer and the console's client id for the console's build", () => {
    expect(dev.outputs).toMatchObject({ issuer: cognitoIssuer(dev).issuer, clientId: cognitoIssuer(dev).audience });
  });
});

describe("production's user pool", () => {
  let production: Synthesis;
  beforeAll(async () => {
    production = await synthesize("production");
  }, 300_000);

  it("returns only to the production console, over https", () => {
    expect(production.errors).toEqual([]);
    expect(userPoolProblems(production, ROLES, consoleCallbackUrls("https://app.testex.com"))).toEqual([]);
  });

  it("asks every account (approvers and admins decide terminations) for a second factor, from an authenticator app", () => {
    expect(only(production, "aws:cognito/userPool:UserPool").inputs).toMatchObject({ mfaConfiguration: "ON", softwareTokenMfaConfiguration: { enabled: true } });
  });

  it("cannot be deleted, and is what the API trusts", () => {
    expect(only(production, "aws:cognito/userPool:UserPool").inputs.deletionProtection).toBe("ACTIVE");
    expect(issuerProblems(production, cognitoIssuer(production))).toEqual([]);
  });
});

describe("a stage that trusts an enterprise's issuer", () => {
  let sso: Synthesis;
  beforeAll(async () => {
    sso = await synthesize("sso-example");
  }, 300_000);

  it("has no user pool, and tells every function to trust that issuer with the stage's group mapping", () => {
    const identity = stageConfig("sso-example").identity as Extract<Identity, { kind: "external" }>;
    expect(sso.errors).toEqual([]);
    expect(ofType(sso, "aws:cognito/userPool:UserPool")).toEqual([]);
    expect(
      issuerProblems(sso, { issuer: identity.issuer, jwksUrl: identity.jwksUrl, audience: identity.clientId, groupsClaim: identity.groupsClaim, roles: identity.roles }),
    ).toEqual([]);
  });

  it("names its approvers from the stage's mapping, reads no directory, and lets no function list a user pool", () => {
    const identity = stageConfig("sso-example").identity as Extract<Identity, { kind: "external" }>;
    for (const build of sso.builds.filter((b) => b.links.Settings)) {
      expect(build.links.Settings!.approvers).toEqual(identity.approvers);
      expect(build.links.Settings!.approverDirectory).toBeUndefined();
    }
    expect(sso.builds.filter((build) => functionMayList(sso, build.handler))).toEqual([]);
  });
});

describe("a stage's identity settings", () => {
  const entra: Extract<Identity, { kind: "external" }> = {
    kind: "external",
    issuer: "https://login.example.com/tenant/v2.0",
    jwksUrl: "https://login.example.com/tenant/keys",
    clientId: "console",
    groupsClaim: "groups",
    roles: { "group-1": "approver" },
  };

  it("default to the stage's own user pool, in every environment", () => {
    expect(["dev", "staging", "production", "pr-42"].map((stage) => stageConfig(stage).identity)).toEqual(Array(4).fill({ kind: "cognito" }));
  });

  it("serve production's console on its own domain, and every other stage's at its router's URL", () => {
    expect(["pr-42", "staging", "production"].map((stage) => stageConfig(stage).web)).toEqual([{}, {}, { domain: "app.testex.com" }]);
  });

  it("accept an enterprise issuer served over https with its groups mapped to roles", () => {
    expect(identityProblems(entra)).toEqual([]);
  });

  it("refuse an issuer a stage cannot trust: plain http, this machine, no client, or groups mapped to no known role", () => {
    expect(identityProblems({ ...entra, issuer: "http://127.0.0.1:3002", jwksUrl: "https://localhost/keys", clientId: "", roles: { "group-1": "boss" as never } })).toEqual([
      "issuer must be an https URL on a public host",
      "jwksUrl must be an https URL on a public host",
      "clientId is required",
      "unknown roles: boss",
    ]);
    expect(identityProblems({ ...entra, roles: {} })).toEqual(["roles must map at least one group"]);
  });
});
