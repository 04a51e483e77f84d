/**
 * Proof of delivery: SES's configuration-set events (delivery, bounce,
 * complaint) recorded on the notices they are about. What the delivery
 * recorder runs for each event; the API never loads it.
 */
import * as v from "valibot";
import { NotificationEntity } from "./entity";
import { recordChange } from "../outbox/change";
import { DomainError } from "../error";
import { log } from "../log";
import { metric } from "../metric";
import type { DELIVERY_STATUSES } from "./entity";
import { Events, noticeFacts } from "./events";
import { noticeChange, type Stored } from "./record";

/** SES message tags allow letters, digits, `_` and `-`; other ids travel base64url-encoded under their own name. */
const PLAIN_TAG = "notification_id";
const ENCODED_TAG = "notification_id_b64";
const TAG_VALUE = /^[A-Za-z0-9_-]{1,256}$/;

/** The tag that lets SES's events name the notice they are about. */
export function noticeTag(notificationId: string): { Name: string; Value: string } | null {
  if (TAG_VALUE.test(notificationId)) return { Name: PLAIN_TAG, Value: notificationId };
  const encoded = Buffer.from(notificationId, "utf8").toString("base64url");
  return TAG_VALUE.test(encoded) ? { Name: ENCODED_TAG, Value: encoded } : null;
}

function noticeIdOf(tags: Record<string, string[]> | undefined): string | null {
  const plain = tags?.[PLAIN_TAG]?.[0];
  if (plain) return plain;
  const encoded = tags?.[ENCODED_TAG]?.[0];
  return encoded ? Buffer.from(encoded, "base64url").toString("utf8") : null;
}

/** The parts of an SES event (configuration-set event publishing) this reads; everything else is ignored. */
export const SesEvent = v.variant("eventType", [
  v.object({
    eventType: v.literal("Delivery"),
    mail: v.object({ messageId: v.string(), tags: v.optional(v.record(v.string(), v.array(v.string()))) }),
    delivery: v.object({ timestamp: v.string(), smtpResponse: v.optional(v.string()) }),
  }),
  v.object({
    eventType: v.literal("Bounce"),
    mail: v.object({ messageId: v.string(), tags: v.optional(v.record(v.string(), v.array(v.string()))) }),
    bounce: v.object({ timestamp: v.string(), bounceType: v.string(), bounceSubType: v.optional(v.string()) }),
  }),
  v.object({
    eventType: v.literal("Complaint"),
    mail: v.object({ messageId: v.string(), tags: v.optional(v.record(v.string(), v.array(v.string()))) }),
    complaint: v.object({ timestamp: v.string(), complaintFeedbackType: v.optional(v.string()) }),
  }),
]);
export type SesEvent = v.InferOutput<typeof SesEvent>;

type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

function factsOf(event: SesEvent): { status: DeliveryStatus; at: string; detail: string } {
  switch (event.eventType) {
    case "Delivery":
      return { status: "DELIVERED", at: event.delivery.timestamp, detail: (event.delivery.smtpResponse ?? "delivered").slice(0, 200) };
    case "Bounce":
      return { status: "BOUNCED", at: event.bounce.timestamp, detail: [event.bounce.bounceType, event.bounce.bounceSubType].filter(Boolean).join("/") };
    case "Complaint":
      return { status: "COMPLAINED", at: event.complaint.timestamp, detail: event.complaint.complaintFeedbackType ?? "complaint" };
  }
}

/** The event a delivery or a bounce announces, with what SES said of it; none for a complaint. */
function announcement(event: SesEvent, notice: Stored) {
  const ses_message_id = event.mail.messageId;
  switch (event.eventType) {
    case "Delivery":
      return Events.Delivered.build({ notice: noticeFacts(notice), delivery: { status: "DELIVERED", at: event.delivery.timestamp, ses_message_id } });
    case "Bounce": {
      const { timestamp: at, bounceType: bounce_type, bounceSubType } = event.bounce;
      const delivery = { status: "BOUNCED" as const, at, ses_message_id, bounce_type, ...(bounceSubType ? { bounce_sub_type: bounceSubType } : {}) };
      return Events.Bounced.build({ notice: noticeFacts(notice), delivery });
    }
    case "Complaint":
      return undefined;
  }
}

/** recorded: written; stale: a later report is already there (or this one was); unknown: no notice of ours. */
export type ProofOutcome = "recorded" | "stale" | "unknown";

/**
 * Records one SES event on its notice, with its audit entry, in one
 * transaction. Events arrive at least once and in any order: the latest
 * provider timestamp wins, and a repeated event changes nothing.
 */
export async function recordProof(raw: unknown): Promise<ProofOutcome> {
  const parsed = v.safeParse(SesEvent, raw);
  if (!parsed.success) {
    // Another event type, or not an SES event at all: nothing to record, and retrying will not change it.
    log.warn("mail event not understood; dropped", { event_type: (raw as { eventType?: unknown })?.eventType });
    return "unknown";
  }
  const event = parsed.output;
  const id = noticeIdOf(event.mail.tags);
  const facts = factsOf(event);
  if (!id) {
    log.warn("mail event for a message that names no notice", { ses_message_id: event.mail.messageId, event_type: event.eventType });
    return "unknown";
  }
  const { data: notice } = await NotificationEntity.get({ notification_id: id }).go({ consistent: true });
  if (!notice) {
    log.warn("mail event for an unknown notice", { notification_id: id, event_type: event.eventType });
    return "unknown";
  }
  if (notice.delivery_at && notice.delivery_at >= facts.at) return "stale";
  const now = new Date().toISOString();
  const change = { delivery_status: facts.status, delivery_at: facts.at, delivery_detail: facts.detail, updated_at: now };
  const after: Stored = { ...notice, ...change };
  const stale = new DomainError("notification.stale_proof", "A later delivery report is already recorded.");
  const announced = announcement(event, after);
  try {
    await recordChange({
      ...noticeChange(after, `notification.${facts.status.toLowerCase()}`, now),
      entities: { notification: NotificationEntity },
      writes: ({ notification }) => [
        notification
          .patch({ notification_id: id })
          .set(change)
          .where(({ delivery_at }, { notExists, lt }) => `${notExists(delivery_at)} OR ${lt(delivery_at, facts.at)}`)
          .commit(),
      ],
      // Other systems learn it with the record (webhooks); a complaint is kept on the notice only.
      events: announced ? [announced] : [],
      explain: () => stale,
    });
  } catch (error) {
    if (error === stale) return "stale";
    throw error;
  }
  // Literal names: the infra suite finds each metric by its call.
  if (facts.status === "DELIVERED") metric("NoticeDelivered");
  else if (facts.status === "BOUNCED") metric("NoticeBounced");
  else metric("NoticeComplained");
  log.info("notice delivery reported", { notification_id: id, delivery_status: facts.status, delivery_at: facts.at });
  return "recorded";
}
