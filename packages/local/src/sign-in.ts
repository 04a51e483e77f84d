import { createHash, randomBytes } from "node:crypto";
import { LOCAL_CLIENT_ID } from "./people";

export interface Tokens {
  id_token: string;
  access_token: string;
  expires_in: number;
}

const REDIRECT_URI = "http://127.0.0.1/signed-in";
const random = () => randomBytes(32).toString("base64url");

/**
 * Signs in to the local provider as a browser would: authorization code with
 * PKCE, the login form filled in, the code exchanged for tokens. Nothing is
 * minted here: the provider checks the password and signs the tokens.
 */
export async function signIn(issuer: string, login: string, password: string): Promise<Tokens> {
  const verifier = random();
  const state = random();
  const authorize = new URL("/auth", issuer);
  authorize.search = new URLSearchParams({
    client_id: LOCAL_CLIENT_ID,
    response_type: "code",
    scope: "openid email profile",
    redirect_uri: REDIRECT_URI,
    state,
    nonce: random(),
    code_challenge: createHash("sha256").update(verifier).digest("base64url"),
    code_challenge_method: "S256",
  }).toString();

  const browser = cookieJar();
  let response = await browser.follow(authorize);
  const loginForm = response.url;
  if (!/\/interaction\//.test(loginForm.pathname)) throw new Error(`The provider did not ask for a password (ended at ${loginForm.href}).`);
  response = await browser.follow(new URL(`${loginForm.pathname}/login`, issuer), new URLSearchParams({ login, password }));
  if (response.status === 401) throw new Error(`Wrong username or password for "${login}".`);
  const back = response.url;
  const code = back.searchParams.get("code");
  if (back.origin + back.pathname !== REDIRECT_URI || !code || back.searchParams.get("state") !== state) {
    throw new Error(`Sign-in did not return a code: ${back.searchParams.get("error_description") ?? back.href}`);
  }

  const exchange = await fetch(new URL("/token", issuer), {
    method: "POST",
    body: new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI, client_id: LOCAL_CLIENT_ID, code_verifier: verifier }),
  });
  const tokens = (await exchange.json()) as Tokens & { error_description?: string };
  if (!exchange.ok) throw new Error(`The provider refused the code: ${tokens.error_description ?? exchange.status}`);
  return tokens;
}

/** Follows redirects by hand, keeping cookies, and stops at the first page or at the client's redirect URI. */
function cookieJar() {
  const cookies = new Map<string, string>();
  return {
    async follow(url: URL, form?: URLSearchParams): Promise<{ url: URL; status: number }> {
      let next = url;
      let body: URLSearchParams | undefined = form;
      for (let hop = 0; hop < 10; hop++) {
        if (next.href.startsWith(REDIRECT_URI)) return { url: next, status: 302 };
        const response = await fetch(next, {
          method: body ? "POST" : "GET",
          body,
          redirect: "manual",
          headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
        });
        for (const line of response.headers.getSetCookie()) {
          const [pair = ""] = line.split(";");
          const at = pair.indexOf("=");
          cookies.set(pair.slice(0, at), pair.slice(at + 1));
        }
        await response.arrayBuffer();
        const location = response.headers.get("location");
        if (!location || response.status < 300 || response.status >= 400) return { url: next, status: response.status };
        next = new URL(location, next);
        body = undefined;
      }
      throw new Error("Too many redirects while signing in.");
    },
  };
}
