/**
 * The local OpenID Provider: a real, certified one (`oidc-provider`) on
 * 127.0.0.1, with the seeded people of `people.ts` and one public client, the
 * console (authorization code + PKCE, no secret). Its ID tokens carry the
 * claims a Cognito user pool's do (`cognito:groups`, `email`, `name`), so the
 * API checks local tokens exactly as it checks deployed ones.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import Provider, { type Configuration, type KoaContextWithOIDC } from "oidc-provider";
import { oidcKeys } from "./oidc-keys";
import { GROUPS_CLAIM, LOCAL_CLIENT_ID, PEOPLE, personByLogin, type Person } from "./people";
import type { Running } from "@testex/aws-local/process";

/** Local ID tokens last a working day, so a token from `npm run token` outlives a session of trying things. */
const ID_TOKEN_TTL_S = 12 * 3600;

// Any port and path on this machine: the console, the token CLI and tests each pick their own.
const isLoopback = (uri: string) => {
  const url = URL.parse(uri);
  return url?.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
};

function configuration(keys: ReturnType<typeof oidcKeys>): Configuration {
  return {
    clients: [
      {
        client_id: LOCAL_CLIENT_ID,
        client_name: "TESTEX console",
        token_endpoint_auth_method: "none",
        grant_types: ["authorization_code"],
        response_types: ["code"],
        redirect_uris: ["http://localhost:3001/", "http://127.0.0.1:3001/"],
        post_logout_redirect_uris: ["http://localhost:3001/", "http://127.0.0.1:3001/"],
      },
    ],
    jwks: { keys: [keys.signing] },
    cookies: { keys: keys.cookies },
    pkce: { required: () => true },
    clientBasedCORS: (_ctx, origin) => isLoopback(origin),
    claims: {
      openid: ["sub", GROUPS_CLAIM, "cognito:username"],
      email: ["email", "email_verified"],
      profile: ["name", "preferred_username"],
    },
    // Claims go in the ID token, as Cognito puts them there; the API reads names and e-mails from it.
    conformIdTokenClaims: false,
    ttl: { IdToken: ID_TOKEN_TTL_S, AccessToken: ID_TOKEN_TTL_S, AuthorizationCode: 60, Interaction: 600, Session: ID_TOKEN_TTL_S, Grant: ID_TOKEN_TTL_S },
    findAccount: (_ctx, sub) => {
      const person = PEOPLE.find((p) => p.sub === sub);
      return person && { accountId: sub, claims: () => claimsOf(person) };
    },
    // The console is the provider's own first-party app: no consent screen, as with Cognito's managed login.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const { Grant } = ctx.oidc.provider;
      const grant = new Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope([...ctx.oidc.requestParamScopes].join(" "));
      await grant.save();
      return grant;
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: true, logoutSource: (ctx, form) => void (ctx.body = page("Sign out", logoutBody(form))) },
    },
    renderError: (ctx, out) => {
      ctx.type = "html";
      ctx.body = page("Sign-in problem", `<h1>Sign-in problem</h1><p role="alert">${escape(String(out.error_description ?? out.error))}</p>`);
    },
  };
}

const claimsOf = (person: Person) => ({
  sub: person.sub,
  name: person.name,
  preferred_username: person.login,
  "cognito:username": person.login,
  email: person.email,
  email_verified: true,
  [GROUPS_CLAIM]: person.groups,
});

/** Starts the provider on 127.0.0.1:`port`; its keys live in `keysFile` (made on first start). */
export function startOidc(port: number, keysFile: string): Promise<Running> {
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, configuration(oidcKeys(keysFile)));
  // One client, registered for the console's default origin; locally any loopback address is as good.
  provider.Client.prototype.redirectUriAllowed = isLoopback;
  provider.Client.prototype.postLogoutRedirectUriAllowed = isLoopback;
  const handle = provider.callback();

  const server = createServer((req, res) => {
    const route = new URL(req.url ?? "/", issuer).pathname.match(/^\/interaction\/([\w-]+)(\/login)?$/);
    if (!route) return void handle(req, res);
    signIn(provider, req, res, route[2] === "/login").catch((error: Error) => {
      send(res, 400, page("Sign-in problem", `<h1>Sign-in problem</h1><p role="alert">${escape(error.message)}</p><p>Go back to TESTEX and sign in again.</p>`));
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () =>
      resolve({
        name: "OpenID Provider (oidc-provider)",
        endpoint: issuer,
        stop: () => new Promise<void>((done) => (server.closeAllConnections(), server.close(() => done()))),
      }),
    );
  });
}

/** The login prompt: a form, and on its submission a check of the seeded people's passwords. */
async function signIn(provider: Provider, req: IncomingMessage, res: ServerResponse, submitted: boolean) {
  const details = await provider.interactionDetails(req, res);
  if (details.prompt.name !== "login") throw new Error(`Unexpected sign-in step "${details.prompt.name}".`);
  if (!submitted) return send(res, 200, page("Sign in", loginBody(details.uid)));
  const form = new URLSearchParams(await readBody(req));
  const person = personByLogin(form.get("login") ?? "");
  if (!person || person.password !== form.get("password")) {
    return send(res, 401, page("Sign in", loginBody(details.uid, form.get("login") ?? "", "Wrong username or password.")));
  }
  await provider.interactionFinished(req, res, { login: { accountId: person.sub } }, { mergeWithLastSubmission: false });
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = "";
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 10_000) throw new Error("The form is too large.");
  }
  return body;
}

const send = (res: ServerResponse, status: number, html: string) =>
  void res.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" }).end(html);

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const page = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · TESTEX (local)</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:26rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a}
label{display:block;margin-top:1rem;font-weight:600}input{width:100%;padding:.5rem;font:inherit;box-sizing:border-box}
button{margin-top:1.25rem;padding:.5rem 1.25rem;font:inherit}[role=alert]{color:#a00000;font-weight:600}
details{margin-top:2rem}table{border-collapse:collapse;margin-top:.5rem}td,th{padding:.15rem .75rem .15rem 0;text-align:left}</style>
</head><body><main>${body}</main></body></html>`;

const loginBody = (uid: string, login = "", error?: string) => `<h1>Sign in to TESTEX</h1>
<p>Local sign-in: this machine's own OpenID Provider.</p>
${error ? `<p role="alert" id="error">${escape(error)}</p>` : ""}
<form method="post" action="/interaction/${escape(uid)}/login">
<label for="login">Username</label>
<input id="login" name="login" autocomplete="username" required autofocus value="${escape(login)}"${error ? ' aria-describedby="error"' : ""}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form>
<details><summary>Local people</summary><table><thead><tr><th scope="col">Username</th><th scope="col">Password</th><th scope="col">Role</th></tr></thead><tbody>
${PEOPLE.map((p) => `<tr><td>${p.login}</td><td>${p.password}</td><td>${p.groups.join(", ")}</td></tr>`).join("\n")}
</tbody></table></details>`;

// Cognito signs out as soon as the app asks; so does this page, posting its form at once (the button is for browsers without scripts).
const logoutBody = (form: string) => `<h1>Signing out of TESTEX…</h1>
${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes" id="sign-out">Sign out</button>
<script>document.getElementById("sign-out").click()</script>`;
