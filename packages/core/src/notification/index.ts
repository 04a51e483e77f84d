import * as v from "valibot";
import * as Contract from "../contract";
import { withCursor, type Page } from "../db/cursor";
import { recordChange } from "../outbox/change";
import { DomainError } from "../error";
import { newId } from "../id";
import { ContractId, PageQuery } from "../schema";
import { parse } from "../validation";
import { DELIVERY_STATUSES, NOTIFICATION_STATUSES, NotificationEntity } from "./entity";
import { enqueue, NotificationId } from "./enqueue";
import { announce } from "./queue";
import { noticeChange, type Stored } from "./record";
import { reviewUrl } from "./links";
import { NoticeInput, NoticeRequest, TEMPLATE_NAMES, TEMPLATE_PROPS, type TemplateName, type TemplateProps } from "./templates";

export { DELIVERY_STATUSES, NOTIFICATION_STATUSES, NotificationEntity, NoticeInput, NoticeRequest, TEMPLATE_NAMES, TEMPLATE_PROPS, type TemplateName, type TemplateProps };
export { enqueue, noticeId, NotificationId, type EnqueueInput } from "./enqueue";

export const Notification = v.object({
  notification_id: v.string(),
  template: v.picklist(TEMPLATE_NAMES),
  to: v.array(v.string()),
  contract_id: v.optional(v.string()),
  termination_id: v.optional(v.pipe(v.string(), v.description("The termination the notice is part of, if any"))),
  props: v.record(v.string(), v.unknown()),
  attachments: v.optional(v.pipe(v.array(v.string()), v.description("Ids of the contract's files sent with the notice"))),
  status: v.picklist(NOTIFICATION_STATUSES),
  attempts: v.number(),
  ses_message_id: v.optional(v.pipe(v.string(), v.description("SES's message id of the last send it accepted"))),
  sends: v.optional(
    v.pipe(
      v.array(
        v.object({
          at: v.pipe(v.string(), v.description("When the attempt began (before SES was called)")),
          message_id: v.optional(v.pipe(v.string(), v.description("SES's message id, once SES accepted the mail"))),
          accepted_at: v.optional(v.string()),
        }),
      ),
      v.description("Every send attempt, oldest first. One without a message id failed, or its worker stopped before recording SES's answer (the mail may have gone out)."),
    ),
  ),
  last_error_code: v.optional(v.string()),
  created_at: v.string(),
  updated_at: v.string(),
  sent_at: v.optional(v.string()),
  // Proof of delivery: what SES reported after it accepted the notice, when (its timestamp), and in its words.
  delivery_status: v.optional(v.picklist(DELIVERY_STATUSES)),
  delivery_at: v.optional(v.string()),
  delivery_detail: v.optional(v.string()),
});
export type Notification = v.InferOutput<typeof Notification>;

const present = ({ claim_token: _t, claimed_until: _u, ...notice }: Stored) => notice as Notification;

/**
 * A notice asked for through the API. Every contract it names (as the notice's
 * contract or in its props) must exist, and its links are the stage's own.
 */
export async function send(raw: NoticeRequest): Promise<Notification> {
  const input = parse(NoticeRequest, raw);
  const named = "contract_id" in input.props ? input.props.contract_id : undefined;
  for (const id of new Set([input.contract_id, named])) if (id) await Contract.load(id);
  const props = input.template === "approval-request" ? { ...input.props, review_url: reviewUrl(input.props.contract_id) } : input.props;
  const notification_id = newId("NT");
  await enqueue({ notification_id, ...input, contract_id: input.contract_id ?? named, props });
  // Read back what was just written: a default (eventually consistent) read may not see it yet.
  return present(await load(notification_id, { consistent: true }));
}

async function load(id: string, options: { consistent?: boolean } = {}): Promise<Stored> {
  const notificationId = parse(NotificationId, id);
  const { data } = await NotificationEntity.get({ notification_id: notificationId }).go(options);
  if (!data) throw new DomainError("notification.not_found", `Notification ${id} does not exist.`, { notification_id: id });
  return data;
}

export const get = async (id: string): Promise<Notification> => present(await load(id));

export const ListQuery = v.strictObject(PageQuery.entries);
export type ListQuery = v.InferInput<typeof ListQuery>;

/** A contract's notices, newest first. */
export async function byContract(contractId: string, raw: ListQuery): Promise<Page<Notification>> {
  const query = parse(ListQuery, raw);
  const result = await withCursor(query.cursor, (cursor) =>
    NotificationEntity.query.byContract({ contract_id: parse(ContractId, contractId) }).go({ order: "desc", limit: query.limit, cursor }),
  );
  return { items: result.data.map(present), next_cursor: result.cursor };
}

/** Notices that ran out of attempts, most recently failed first: what an admin retries. */
export async function dead(raw: ListQuery): Promise<Page<Notification>> {
  const query = parse(ListQuery, raw);
  const result = await withCursor(query.cursor, (cursor) =>
    NotificationEntity.query.byStatus({ status: "DEAD" }).go({ order: "desc", limit: query.limit, cursor }),
  );
  return { items: result.data.map(present), next_cursor: result.cursor };
}

/** Puts a DEAD notice back in the queue with a fresh count of attempts. */
export async function retry(id: string): Promise<Notification> {
  const dead = await load(id, { consistent: true });
  const notDead = (status: string) =>
    new DomainError("notification.not_dead", `Notification ${id} is ${status}; only DEAD notices are replayed.`, { notification_status: status });
  if (dead.status !== "DEAD") throw notDead(dead.status);
  const now = new Date().toISOString();
  const next: Stored = { ...dead, status: "QUEUED", attempts: 0, updated_at: now };
  await recordChange({
    ...noticeChange(next, "notification.replayed", now),
    entities: { notification: NotificationEntity },
    writes: ({ notification }) => [
      notification
        .patch({ notification_id: dead.notification_id })
        .set({ status: "QUEUED", attempts: 0, updated_at: now })
        .remove(["claim_token", "claimed_until"])
        .where(({ status }, { eq }) => eq(status, "DEAD"))
        .commit(),
    ],
    explain: async () => notDead((await load(id, { consistent: true })).status),
  });
  await announce([dead.notification_id]);
  return present(next);
}

/** A notice waiting this long was lost between its record and its queue message (or its message was). */
export const STALE_AFTER_MS = 5 * 60_000;

/**
 * Re-announces QUEUED and FAILED notices nobody has touched for a while (a
 * crash between writing the record and sending the message, a message lost).
 * Announcing twice is harmless: the worker claims before it sends.
 */
export async function sweep(now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - STALE_AFTER_MS).toISOString();
  let count = 0;
  for (const status of ["QUEUED", "FAILED"] as const) {
    let cursor: string | null = null;
    do {
      const page: { data: Stored[]; cursor: string | null } = await NotificationEntity.query
        .byStatus({ status })
        .lt({ updated_at: before })
        .go({ cursor, limit: 100 });
      await announce(page.data.map((n) => n.notification_id));
      count += page.data.length;
      cursor = page.cursor;
    } while (cursor);
  }
  return count;
}
