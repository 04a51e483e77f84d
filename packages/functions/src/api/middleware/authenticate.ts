import { createMiddleware } from "hono/factory";
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from "jose";
import { Resource } from "sst";
import { DomainError, ROLES, settings, type Actor } from "@testex/core";
import type { OidcSettings } from "@testex/core/config";
import type { AppEnv } from "../types";

export type TokenVerifier = (token: string) => Promise<Actor>;

/**
 * How a stage checks tokens: against its OpenID Connect issuer's published
 * keys (issuer and audience must match) when `oidc` is set, otherwise HS256
 * with the stage's signing secret (locally: the checkout's own secret).
 */
export function tokenVerifier(source: { oidc: OidcSettings } | { secret: string }): TokenVerifier {
  if ("oidc" in source) {
    const { issuer, audience, jwksUrl, rolesClaim } = source.oidc;
    const keys = createRemoteJWKSet(new URL(jwksUrl));
    return async (token) => {
      const claims = await check(() => jwtVerify(token, keys, { issuer }));
      // ID tokens name the app in `aud`; Cognito's access tokens carry no `aud`, only `client_id`.
      const audiences = [claims.aud ?? claims.client_id].flat();
      if (!audiences.includes(audience)) throw new DomainError("auth.unauthenticated", "The token is not meant for this API.");
      return actorOf(claims, rolesClaim);
    };
  }
  const key = new TextEncoder().encode(source.secret);
  return async (token) => actorOf(await check(() => jwtVerify(token, key, { algorithms: ["HS256"] })), "roles");
}

async function check(verify: () => Promise<{ payload: JWTPayload }>): Promise<JWTPayload> {
  try {
    return (await verify()).payload;
  } catch (error) {
    // The issuer's keys could not be fetched: nobody's token can be judged right now, which is ours to fix, not the caller's.
    if (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError)) {
      throw new DomainError("auth.unavailable", "Tokens cannot be checked right now; try again shortly.");
    }
    throw new DomainError("auth.unauthenticated", "The token is invalid or expired.");
  }
}

function actorOf(claims: JWTPayload, rolesClaim: string): Actor {
  if (typeof claims.sub !== "string" || claims.sub.length === 0) throw new DomainError("auth.unauthenticated", "The token names no subject.");
  const claimed = claims[rolesClaim];
  // Identity providers send roles as a list, some as one space-separated string.
  const listed = Array.isArray(claimed) ? claimed : typeof claimed === "string" ? claimed.split(" ") : [];
  const roles = listed.filter((r: unknown): r is string => typeof r === "string" && (ROLES as readonly string[]).includes(r));
  return { id: claims.sub, email: typeof claims.email === "string" ? claims.email : undefined, roles };
}

let verifier: TokenVerifier | undefined;
const stageVerifier = () => {
  const { oidc } = settings();
  return (verifier ??= oidc ? tokenVerifier({ oidc }) : tokenVerifier({ secret: Resource.AuthSecret.value }));
};

/**
 * OpenID Connect caps `sub` at 255 ASCII characters. The subject becomes part
 * of index keys (audit by actor, requests, decisions), whose size DynamoDB
 * limits, so a longer one is refused here rather than failing every write.
 */
export const MAX_SUBJECT_BYTES = 255;

/** Who is calling: a verified bearer token, or a 401. The audit actor is the token's subject, nothing else. */
export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header("authorization");
  const token = header?.match(/^Bearer\s+([A-Za-z0-9._~+/=-]+)$/i)?.[1];
  if (!token) throw new DomainError("auth.unauthenticated", "Send a bearer token: Authorization: Bearer <token>.");
  const actor = await stageVerifier()(token);
  if (Buffer.byteLength(actor.id) > MAX_SUBJECT_BYTES) {
    throw new DomainError("auth.unauthenticated", `The token's subject is longer than ${MAX_SUBJECT_BYTES} bytes.`, { max_bytes: MAX_SUBJECT_BYTES });
  }
  c.set("actor", actor);
  await next();
});
