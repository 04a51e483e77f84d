import { db } from "../db/service";

export interface EnqueueInput {
  /** Deterministic id (e.g. derived from the event that causes the notice): enqueuing twice is a no-op. */
  notification_id: string;
  template: string;
  to: string[];
  contract_id?: string;
  props: Record<string, unknown>;
}

/**
 * Records a notice for delivery. Durable once this resolves; idempotent per
 * `notification_id`. Returns whether this call created it.
 */
export async function enqueue(input: EnqueueInput): Promise<boolean> {
  const now = new Date().toISOString();
  try {
    await db.entities.notification
      .create({ ...input, status: "QUEUED", attempts: 0, created_at: now, updated_at: now })
      .go();
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

const isConditionFailure = (error: unknown) =>
  error instanceof Error && /conditional request failed/i.test(`${error.message} ${(error as { cause?: Error }).cause?.message ?? ""}`);
