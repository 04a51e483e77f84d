import { createMiddleware } from "hono/factory";
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from "jose";
import { DomainError, settings, type Actor } from "@testex/core";
import type { OidcSettings } from "@testex/core/config";
import type { AppEnv } from "../types";

export type TokenVerifier = (token: string) => Promise<Actor>;

// Issuers sign with published public keys; a shared-secret (HS*) token is refused whatever it claims.
const ASYMMETRIC = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"];

/** How far an issuer's clock may run ahead of ours (`iat`) or behind (`exp`, `nbf`). */
export const CLOCK_SKEW_S = 60;

/**
 * How every stage checks tokens: against its OpenID Connect issuer's
 * published keys, as OpenID Connect says a client checks an ID token (the
 * console sends the person's ID token, whose name and e-mail the audit trail
 * keeps). Locally that issuer is the checkout's own provider, so the path is
 * the same everywhere.
 */
export function tokenVerifier(oidc: OidcSettings): TokenVerifier {
  const { issuer, audience, jwksUrl } = oidc;
  const keys = createRemoteJWKSet(new URL(jwksUrl));
  return async (token) => {
    const { payload: claims, protectedHeader } = await check(() =>
      jwtVerify(token, keys, { issuer, audience, algorithms: ASYMMETRIC, requiredClaims: ["exp"], clockTolerance: CLOCK_SKEW_S }),
    );
    checkIdToken(claims, protectedHeader.typ, audience);
    return actorOf(claims, oidc);
  };
}

const unauthenticated = (detail: string) => new DomainError("auth.unauthenticated", detail);

/**
 * What a signature and `aud` do not settle: an ID token of this app, not an
 * access token (Cognito says so in `token_use`, RFC 9068 issuers in the
 * header's `typ: at+jwt`), nor one issued in the future, nor one issued to
 * another party that merely lists this app among its audiences (`azp`).
 */
function checkIdToken(claims: JWTPayload, typ: string | undefined, audience: string) {
  if (typ !== undefined && !/^(application\/)?jwt$/i.test(typ)) throw unauthenticated(`A ${typ} token is not an ID token; send the ID token.`);
  if (claims.token_use !== undefined && claims.token_use !== "id") throw unauthenticated("An access token is not an ID token; send the ID token.");
  if (typeof claims.iat !== "number" || claims.iat > Date.now() / 1000 + CLOCK_SKEW_S) throw unauthenticated("The token's issue time (iat) is missing or in the future.");
  const audiences = [claims.aud].flat();
  if (claims.azp !== undefined ? claims.azp !== audience : audiences.length > 1) {
    throw unauthenticated("The token was issued to another party (azp).");
  }
}

async function check<T>(verify: () => Promise<T>): Promise<T> {
  try {
    return await verify();
  } catch (error) {
    // The issuer's keys could not be fetched: nobody's token can be judged right now, which is ours to fix, not the caller's.
    if (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError)) {
      throw new DomainError("auth.unavailable", "Tokens cannot be checked right now; try again shortly.");
    }
    throw new DomainError("auth.unauthenticated", "The token is invalid or expired.");
  }
}

const text = (value: unknown) => (typeof value === "string" && value.length > 0 ? value : undefined);

/** The person a token names: its issuer's stable subject, their roles through the stage's group mapping, and how to call them. */
function actorOf(claims: JWTPayload, { groupsClaim, roles: roleOf }: OidcSettings): Actor {
  const id = text(claims.sub);
  if (!id) throw new DomainError("auth.unauthenticated", "The token names no subject.");
  const claimed = claims[groupsClaim];
  // Identity providers send groups as a list, some as one space-separated string.
  const groups: unknown[] = Array.isArray(claimed) ? claimed : typeof claimed === "string" ? claimed.split(" ") : [];
  const roles = [...new Set(groups.flatMap((group) => (typeof group === "string" && Object.hasOwn(roleOf, group) ? [roleOf[group]!] : [])))];
  return { id, email: text(claims.email), name: text(claims.name), roles };
}

let verifier: TokenVerifier | undefined;
const stageVerifier = () => (verifier ??= tokenVerifier(settings().oidc));

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
