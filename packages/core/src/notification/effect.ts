import type * as v from "valibot";
import type { Effect, Stored as OutboxEvent } from "../outbox";
import { enqueue, noticeId, type LetterPreview } from "./enqueue";
import type { TEMPLATE_PROPS, TemplateName } from "./templates";

/** The props a template is given (its schema's input): a prop it does not know fails the type check. */
export type NoticeProps<T extends TemplateName> = v.InferInput<(typeof TEMPLATE_PROPS)[T]>;

/**
 * The outbox effect that queues one notice to one recipient, so each is
 * delivered (and retried) on its own. Its id comes from the event's origin,
 * the template and `key` (the address, or a role such as `client` when the
 * address is only known when it runs): a retry or replay finds it queued.
 */
export function noticeEffect<T extends TemplateName>(
  event: OutboxEvent,
  template: T,
  key: string,
  build: () => Promise<{ to: string; props: NoticeProps<T>; attachments?: string[]; letter_preview?: LetterPreview; termination_id?: string } | null>,
): Effect {
  return {
    name: `notice:${template}:${key}`,
    run: async () => {
      const notice = await build();
      if (!notice) return;
      const props = Object.fromEntries(Object.entries(notice.props).filter(([, value]) => value !== undefined));
      await enqueue({
        notification_id: noticeId(event.origin_id, template, key),
        template,
        to: [notice.to],
        contract_id: event.contract_id,
        ...(notice.termination_id ? { termination_id: notice.termination_id } : {}),
        props,
        ...(notice.attachments ? { attachments: notice.attachments } : {}),
        ...(notice.letter_preview ? { letter_preview: notice.letter_preview } : {}),
      });
    },
  };
}

/** A notice to a fixed address; `about` names the termination it is part of, if any. */
export const noticeTo = <T extends TemplateName>(event: OutboxEvent, template: T, to: string, props: NoticeProps<T>, about: { termination_id?: string } = {}): Effect =>
  noticeEffect(event, template, to, async () => ({ to, props, ...about }));
