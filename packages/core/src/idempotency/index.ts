import { createHash } from "node:crypto";
import { isConditionFailure } from "../db/condition";
import { DomainError, ValidationError } from "../error";
import { IdempotencyEntity } from "./entity";

export { IdempotencyEntity };

/** Long enough for any client's retries; DynamoDB removes the record afterwards (TTL). */
const KEEP_SECONDS = 24 * 3600;
/** Longer than any API request may run: a claim this old belongs to a request that died. */
const ABANDONED_AFTER_MS = 60_000;
/** What a key may be: the check below enforces it, and the API document states it. */
export const KEY = /^[A-Za-z0-9._:-]{8,128}$/;

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** What identifies "the same request": method, path and the body's exact bytes. */
export const fingerprint = (method: string, path: string, body: Uint8Array) =>
  createHash("sha256").update(`${method}\n${path}\n`).update(body).digest("hex");

export function checkKey(key: string): string {
  if (!KEY.test(key)) throw new ValidationError([{ path: "Idempotency-Key", message: "Expected 8 to 128 characters: letters, digits, . _ : -" }]);
  return key;
}

/**
 * Claims `key` for this request. Returns the stored reply when the same request
 * was already answered; refuses a key reused for a different request (422) or
 * one whose first request is still running (409).
 */
export async function begin(actor: string, key: string, print: string): Promise<Reply | null> {
  const now = new Date();
  try {
    await IdempotencyEntity
      .create({ actor, key: checkKey(key), fingerprint: print, state: "IN_PROGRESS", created_at: now.toISOString(), claimed_at: now.toISOString(), expires_at: Math.floor(now.getTime() / 1000) + KEEP_SECONDS })
      .go();
    return null;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
  const { data: seen } = await IdempotencyEntity.get({ actor, key }).go({ consistent: true });
  if (!seen) return begin(actor, key, print); // expired between the two calls
  if (seen.fingerprint !== print) {
    throw new DomainError("idempotency.key_reused", "This Idempotency-Key was used for a different request; use a new key.");
  }
  if (seen.state === "IN_PROGRESS" && now.getTime() - Date.parse(seen.claimed_at) > ABANDONED_AFTER_MS) {
    const taken = await IdempotencyEntity
      .patch({ actor, key })
      .set({ claimed_at: now.toISOString() })
      .where(({ claimed_at, state }, { eq }) => `${eq(claimed_at, seen.claimed_at)} AND ${eq(state, "IN_PROGRESS")}`)
      .go()
      .then(() => true, (error: unknown) => (isConditionFailure(error) ? false : Promise.reject(error)));
    if (taken) return null;
  }
  if (seen.state === "IN_PROGRESS") {
    throw new DomainError("idempotency.in_progress", "A request with this Idempotency-Key is still running; retry shortly.");
  }
  return { status: seen.response_status ?? 200, headers: { ...(seen.response_headers as Record<string, string>) }, body: seen.response_body ?? "" };
}

/** Stores the reply to give again for this key. */
export async function finish(actor: string, key: string, reply: Reply): Promise<void> {
  await IdempotencyEntity
    .patch({ actor, key })
    .set({ state: "DONE", response_status: reply.status, response_headers: reply.headers, response_body: reply.body })
    .go();
}

/** Lets the key be used again: the request failed on our side and may be retried as new. */
export async function release(actor: string, key: string): Promise<void> {
  await IdempotencyEntity.delete({ actor, key }).go();
}
