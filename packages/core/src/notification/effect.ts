import { createHash } from "node:crypto";
import type { Effect, Stored as OutboxEvent } from "../outbox";
import { enqueue } from "./enqueue";

/**
 * The notice id is derived from the event's origin, the template and the
 * recipient: enqueuing it again (a retry, a replay) finds it already there.
 */
export const noticeId = (originId: string, template: string, recipient: string) =>
  `NT${createHash("sha256").update(`${originId}\n${template}\n${recipient.toLowerCase()}`).digest("hex").slice(0, 32)}`;

/** One notice an event causes, to one recipient, so each is delivered (and retried) on its own. */
export function notice(event: OutboxEvent, template: string, to: string, props: Record<string, unknown>): Effect {
  const clean = Object.fromEntries(Object.entries(props).filter(([, value]) => value !== undefined));
  return {
    name: `notice:${template}:${to}`,
    run: async () => {
      await enqueue({ notification_id: noticeId(event.origin_id, template, to), template, to: [to], contract_id: event.contract_id, props: clean });
    },
  };
}
