import { SignJWT } from "jose";
import type { Actor } from "@testex/core";

/**
 * A token the local stack accepts: HS256 with the checkout's own secret. For local use and tests only.
 * `expiresIn` is a span (`"12h"`) or an absolute time in epoch seconds.
 */
export function mintToken(actor: Actor, secret: string, expiresIn: string | number = "12h"): Promise<string> {
  const claims: Record<string, unknown> = { roles: [...actor.roles] };
  if (actor.email) claims.email = actor.email;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(actor.id)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}
