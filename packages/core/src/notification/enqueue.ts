import { createHash } from "node:crypto";
import * as v from "valibot";
import { recordChange } from "../outbox/change";
import { DomainError } from "../error";
import { parse } from "../validation";
import { checkLinks } from "./links";
import { announce } from "./queue";
import { noticeChange, queued } from "./record";
import { NoticeInput } from "./templates";
import { NotificationEntity } from "./entity";

/** Ids are chosen by the caller (deterministic, for idempotency) or made here (`NT…`). */
export const NotificationId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9][A-Za-z0-9._:#-]{0,199}$/, "Not a notification id"));

/**
 * A notice id derived from what causes it, the template and the recipient:
 * enqueuing it again (a retry, a replay, a second run of a job) finds it there.
 */
export const noticeId = (originId: string, template: string, recipient: string) =>
  `NT${createHash("sha256").update(`${originId}\n${template}\n${recipient.toLowerCase()}`).digest("hex").slice(0, 32)}`;

export interface EnqueueInput {
  /** Deterministic id (e.g. derived from the event that causes the notice): enqueuing twice is a no-op. */
  notification_id: string;
  template: string;
  to: string[];
  contract_id?: string;
  /** The termination the notice is part of, if any. */
  termination_id?: string;
  props: Record<string, unknown>;
  /** Ids of the contract's files to attach (internal callers only; the API cannot attach). */
  attachments?: string[];
  /** Attach the contract's termination letter as this reader would preview it (approval requests). */
  letter_preview?: LetterPreview;
}

/** Whose view of the letter an approval request attaches: the approver it is addressed to, or nobody in particular (the group address). */
export interface LetterPreview {
  reader_id?: string;
  reader_name?: string;
}

const EXISTS = "notification.exists";

/**
 * Records a notice for delivery (with its audit entry) and tells the worker.
 * Durable once this resolves; idempotent per `notification_id`: returns
 * whether this call created it. Props are checked against the template's
 * schema, so a notice that could never render is refused here (422).
 */
export async function enqueue(raw: EnqueueInput): Promise<boolean> {
  const { notification_id: rawId, attachments, letter_preview, termination_id, ...notice } = raw;
  const notification_id = parse(NotificationId, rawId);
  const { template, to, contract_id, props } = parse(NoticeInput, notice);
  checkLinks(props);
  if ((attachments?.length || letter_preview) && !contract_id) throw new DomainError("notification.attachment_without_contract", "Attachments are files of the notice's contract.");
  const record = queued({ notification_id, template, to, contract_id, termination_id, props, attachments, letter_preview }, new Date().toISOString());
  try {
    await recordChange({
      ...noticeChange(record, "notification.queued", record.created_at),
      entities: { notification: NotificationEntity },
      writes: ({ notification }) => [notification.create(record).commit()],
      explain: () => new DomainError(EXISTS, `Notification ${notification_id} exists.`),
    });
  } catch (error) {
    if (error instanceof DomainError && error.code === EXISTS) return false;
    throw error;
  }
  await announce([notification_id]);
  return true;
}
