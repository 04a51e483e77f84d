/**
 * Standard Webhooks signatures, made by the specification's reference library
 * so that receivers verify with the same one (or any of its ports).
 */
import { randomBytes } from "node:crypto";
import { onFirstUse } from "../lazy";

// Loaded by the sender when it signs, not by every bundle that reads a subscription.
const library = onFirstUse(() => import("standardwebhooks"));

/** A new secret in the specification's form: `whsec_` and 32 random bytes in base64. */
export const newSecret = () => `whsec_${randomBytes(32).toString("base64")}`;

/**
 * The three headers of one attempt. Signed with every secret given (the
 * newest, and during a rotation's overlap the one before): the specification
 * lists several `v1,` signatures separated by spaces, and a receiver accepts
 * the delivery when any one matches its secret.
 */
export async function signedHeaders(id: string, body: string, secrets: readonly string[], at = new Date()): Promise<Record<string, string>> {
  const { Webhook } = await library();
  return {
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": secrets.map((secret) => new Webhook(secret).sign(id, at, body)).join(" "),
  };
}

/** The secrets that still sign at `now` (a rotated-out one until its overlap ends), newest first. */
export const signing = <S extends { expires_at?: string }>(secrets: readonly S[], now = Date.now()): S[] =>
  secrets.filter((s) => !s.expires_at || Date.parse(s.expires_at) > now);
