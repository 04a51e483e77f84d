import * as v from "valibot";
import { defineEvent } from "../event";
import type { Stored } from "./record";

/**
 * The outbox events the delivery recorder writes when SES reports what
 * became of a sent notice. They tell another system which notice reached its
 * recipients or bounced, never what it said: no props, no body, and of the
 * recipients only their domains (a receiver that needs an address reads the
 * contract's client through the API, with its own permissions).
 */
const NoticeFacts = v.object({
  notification_id: v.string(),
  template: v.pipe(v.string(), v.description("The notice's template, e.g. termination-notice, contract-renewed.")),
  contract_id: v.pipe(v.optional(v.string()), v.description("The contract the notice is about; absent for a notice to the operators about no contract.")),
  termination_id: v.pipe(v.optional(v.string()), v.description("The termination the notice is part of, if any.")),
  recipient_domains: v.pipe(v.array(v.string()), v.description("The domains of the notice's recipients (`example.com`), without the addresses.")),
});

export const NoticeDeliveredV1 = v.object({
  schema_version: v.literal(1),
  notice: NoticeFacts,
  delivery: v.object({
    status: v.literal("DELIVERED"),
    at: v.pipe(v.string(), v.description("When the receiving mail server accepted it, as SES reports (ISO 8601).")),
    ses_message_id: v.string(),
  }),
});

export const NoticeBouncedV1 = v.object({
  schema_version: v.literal(1),
  notice: NoticeFacts,
  delivery: v.object({
    status: v.literal("BOUNCED"),
    at: v.pipe(v.string(), v.description("When the bounce happened, as SES reports (ISO 8601).")),
    ses_message_id: v.string(),
    bounce_type: v.pipe(v.string(), v.description("SES's bounce type: Permanent (do not send again to this address), Transient or Undetermined.")),
    bounce_sub_type: v.optional(v.pipe(v.string(), v.description("SES's bounce subtype, e.g. General, NoEmail, MailboxFull, Suppressed."))),
  }),
});

/** What a notice event says of the notice: never its props or its recipients' addresses. */
export function noticeFacts(notice: Stored): v.InferInput<typeof NoticeFacts> {
  const domains = notice.to.map((address) => address.slice(address.lastIndexOf("@") + 1).toLowerCase());
  return {
    notification_id: notice.notification_id,
    template: notice.template,
    ...(notice.contract_id ? { contract_id: notice.contract_id } : {}),
    ...(notice.termination_id ? { termination_id: notice.termination_id } : {}),
    recipient_domains: [...new Set(domains)].sort(),
  };
}

export const Events = {
  Delivered: /* @__PURE__ */ defineEvent("notice.delivered", { versions: [NoticeDeliveredV1], field: "schema_version" }),
  Bounced: /* @__PURE__ */ defineEvent("notice.bounced", { versions: [NoticeBouncedV1], field: "schema_version" }),
};
