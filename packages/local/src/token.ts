import { importJWK, SignJWT, type KeyLike } from "jose";
import type { Actor } from "@testex/core";
import { settings, type OidcSettings } from "@testex/core/config";
import { oidcKeys } from "./oidc-keys";

/** Who signs: the local provider's issuer settings and its private key. */
export interface Signer {
  oidc: OidcSettings;
  keysFile: string;
}

/** The running stack's provider, as the stack's environment names it (tests, benchmarks). */
export const stackSigner = (): Signer => {
  const keysFile = process.env.TESTEX_OIDC_KEYS;
  if (!keysFile) throw new Error("TESTEX_OIDC_KEYS is not set: start the local stack first.");
  return { oidc: settings().oidc, keysFile };
};

const privateKeys = new Map<string, Promise<KeyLike>>();

/**
 * An ID token for `actor`, as the local provider would issue it, signed with
 * that provider's own key: the API still verifies it through the provider's
 * JWKS. For tests and benchmarks that need many people; a person signs in
 * with `npm run token -- --user <login>` instead. `expiresIn` is a span
 * (`"1h"`) or an absolute time in epoch seconds.
 */
export async function mintToken(actor: Actor, signer: Signer = stackSigner(), expiresIn: string | number = "1h"): Promise<string> {
  const { signing } = oidcKeys(signer.keysFile);
  const key = await (privateKeys.get(signing.kid) ?? privateKeys.set(signing.kid, importJWK(signing, signing.alg) as Promise<KeyLike>).get(signing.kid)!);
  const { issuer, audience, groupsClaim, roles } = signer.oidc;
  // Each role as the group that grants it; a role the stage does not know is passed on as a group of that name.
  const groups = actor.roles.map((role) => Object.keys(roles).find((group) => roles[group] === role) ?? role);
  const claims: Record<string, unknown> = { [groupsClaim]: groups };
  if (actor.email) claims.email = actor.email;
  if (actor.name) claims.name = actor.name;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: signing.alg, kid: signing.kid, typ: "JWT" })
    .setIssuer(issuer)
    .setAudience(audience)
    .setSubject(actor.id)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(key);
}
