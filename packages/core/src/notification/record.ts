import type { EntityItem } from "electrodb";
import { NotificationEntity } from "./entity";

export type Stored = EntityItem<typeof NotificationEntity>;

/**
 * A notice's change as `recordChange` writes its audit entry: the trail keeps
 * its delivery facts, not its recipients or content. The trail is the
 * notice's own (a contract's notices are listed by contract), so a
 * contract's history stays about the contract.
 */
export function noticeChange(notice: Stored, action: string, at: string) {
  const { notification_id, template, status, attempts, ses_message_id, last_error_code, delivery_status, delivery_at, delivery_detail } = notice;
  return {
    trail: notification_id,
    entity: "notification",
    entity_id: notification_id,
    action,
    after: { template, status, attempts, ses_message_id, last_error_code, delivery_status, delivery_at, delivery_detail },
    at,
  };
}

/** A new QUEUED notice. Props are stored as plain JSON (DynamoDB refuses `undefined` inside a map). */
export function queued(input: Pick<Stored, "notification_id" | "template" | "to" | "contract_id" | "termination_id" | "props" | "attachments" | "letter_preview">, at: string): Stored {
  const { attachments, letter_preview, termination_id, ...rest } = input;
  return { ...rest, ...(termination_id ? { termination_id } : {}), ...(attachments?.length ? { attachments } : {}), ...(letter_preview ? { letter_preview: JSON.parse(JSON.stringify(letter_preview)) } : {}), props: JSON.parse(JSON.stringify(rest.props)), status: "QUEUED", attempts: 0, created_at: at, updated_at: at };
}
