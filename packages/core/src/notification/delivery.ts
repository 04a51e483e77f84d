/**
 * Sending a queued notice: what the notifier worker runs for each queue
 * message. Not part of the module's public face (index.ts) on purpose: the
 * API never loads SES or the renderer.
 */
import { randomUUID } from "node:crypto";
import { settings } from "../config";
import { NotificationEntity } from "./entity";
import { recordChange } from "../outbox/change";
import { DomainError } from "../error";
import { newId } from "../id";
import { describeError, log } from "../log";
import { metric } from "../metric";
import { parse } from "../validation";
import { attachmentsOf } from "./attachments";
import { announce } from "./queue";
import { noticeChange, queued, type Stored } from "./record";
import { errorCode, isTransient, sendEmail, type Attachment } from "./ses";
import { NoticeInput, type TemplateName } from "./templates";

/** Turns a template and its props into the e-mail; injected so core does not depend on the templates package. */
export type Renderer = (template: TemplateName, props: never) => Promise<{ subject: string; html: string; text: string }>;

/** Attachments made as the notice is sent (an approval request's letter preview); injected so core does not depend on the renderer. */
export type Attach = (notice: Stored) => Promise<Attachment[]>;

/** Attempts before a notice is DEAD. With the queue's redelivery delay this spans several minutes. */
export const MAX_ATTEMPTS = 5;

/** How long a worker may hold a notice while it sends; longer than one SES call with its retries. */
export const CLAIM_MS = 2 * 60_000;

/** sent: delivered now; skipped: nothing to do (already sent, dead, or another worker has it); retry: try again later; dead: given up. */
export type Outcome = "sent" | "skipped" | "retry" | "dead";

export async function deliver(notificationId: string, render: Renderer, attach?: Attach): Promise<Outcome> {
  const claim = await claimNotice(notificationId);
  if (!claim) return "skipped";
  const { notice, token } = claim;

  let email;
  try {
    email = await render(notice.template as TemplateName, notice.props as never);
  } catch (error) {
    log.error("notice does not render", { template: notice.template, ...describeError(error) });
    return die(notice, token, "render.failed");
  }
  let messageId: string;
  try {
    const attachments = [...(await attachmentsOf(notice)), ...(attach ? await attach(notice) : [])];
    messageId = await sendEmail({ notificationId: notice.notification_id, to: notice.to, ...email, attachments });
  } catch (error) {
    const code = errorCode(error);
    if (isTransient(error) && notice.attempts < MAX_ATTEMPTS) {
      log.warn("notice not sent; will retry", { attempts: notice.attempts, error_code: code });
      await settle(notice, token, { status: "FAILED", last_error_code: code, updated_at: new Date().toISOString() }, "notification.failed");
      return "retry";
    }
    return die(notice, token, code);
  }
  // The window: SES has the mail and the record does not say so yet. Nothing runs in it but this one write.
  await recordSent(notice, token, messageId);
  metric("NoticeSent");
  return "sent";
}

/**
 * Records SENT with SES's message id, on the notice and on this attempt's
 * entry in `sends`. If another worker took the notice over meanwhile (this
 * one outlived its claim), the message id still goes on this attempt's entry:
 * a mail SES accepted is never forgotten.
 */
async function recordSent(notice: Stored, token: string, messageId: string) {
  const now = new Date().toISOString();
  const attempt = (notice.sends?.length ?? 1) - 1;
  const accepted = { message_id: messageId, accepted_at: now };
  const change = { status: "SENT" as const, ses_message_id: messageId, sent_at: now, updated_at: now };
  const after: Stored = { ...notice, ...change, sends: (notice.sends ?? []).map((send, i) => (i === attempt ? { ...send, ...accepted } : send)) };
  const recorded = await settle(after, token, change, "notification.sent", undefined, attempt);
  if (recorded) return;
  await NotificationEntity
    .patch({ notification_id: notice.notification_id })
    .data(({ sends }, { set }) => {
      set(sends[attempt]!.message_id, messageId);
      set(sends[attempt]!.accepted_at, now);
    })
    .go();
}

/**
 * Takes the notice for this worker, or learns it has nothing to do. The
 * condition is the whole guard against sending twice: only a QUEUED or FAILED
 * notice that no live claim holds can be taken, and only by one worker.
 */
async function claimNotice(notificationId: string): Promise<{ notice: Stored; token: string } | null> {
  const token = randomUUID();
  const now = Date.now();
  try {
    const { data } = await NotificationEntity
      .patch({ notification_id: notificationId })
      .add({ attempts: 1 })
      .append({ sends: [{ at: new Date(now).toISOString() }] })
      .set({ claim_token: token, claimed_until: now + CLAIM_MS })
      .where(
        ({ status, claimed_until }, { eq, notExists, lt }) =>
          `(${eq(status, "QUEUED")} OR ${eq(status, "FAILED")}) AND (${notExists(claimed_until)} OR ${lt(claimed_until, now)})`,
      )
      .go({ response: "all_new" });
    return { notice: data as Stored, token };
  } catch (error) {
    if (isConditionFailure(error)) return null;
    throw error;
  }
}

type Settlement = Partial<Pick<Stored, "status" | "ses_message_id" | "sent_at" | "last_error_code">> & { status: Stored["status"]; updated_at: string };

const claimLost = () => new DomainError("notification.claim_lost", "Another worker took the notice over.");

/**
 * Records the outcome and releases the claim, if this worker still holds it
 * (false if it lost it); an `alert` is queued in the same transaction. With
 * `attempt`, SES accepted that entry of `sends`: its message id goes there.
 */
async function settle(notice: Stored, token: string, change: Settlement, action: string, alert?: Stored | null, attempt?: number) {
  const after: Stored = { ...notice, ...change };
  const accepted = attempt === undefined ? undefined : after.sends?.[attempt];
  try {
    await recordChange({
      ...noticeChange(after, action, change.updated_at),
      entities: { notification: NotificationEntity },
      writes: ({ notification }) => [
        notification
          .patch({ notification_id: notice.notification_id })
          .set(change)
          .data(({ sends }, { set }) => {
            if (!accepted?.message_id || !accepted.accepted_at) return;
            set(sends[attempt!]!.message_id, accepted.message_id);
            set(sends[attempt!]!.accepted_at, accepted.accepted_at);
          })
          .remove(["claim_token", "claimed_until"])
          .where(({ claim_token }, { eq }) => eq(claim_token, token))
          .commit(),
        ...(alert ? [notification.create(alert).commit()] : []),
      ],
      alsoAudited: alert ? [noticeChange(alert, "notification.queued", change.updated_at)] : [],
      explain: claimLost,
    });
  } catch (error) {
    if (!(error instanceof DomainError && error.code === "notification.claim_lost")) throw error;
    log.warn("claim lost before the outcome was recorded", { action });
    return false;
  }
  return true;
}

/**
 * Gives up on a notice: DEAD, and an alert to the operators queued in the
 * same transaction, so a dead notice is never silent. An alert that dies
 * raises no alert of its own (no loops).
 */
async function die(notice: Stored, token: string, code: string): Promise<Outcome> {
  const now = new Date().toISOString();
  const alert = notice.template === "system-alert" ? null : alertFor(notice, code, now);
  log.error("notice dead", { attempts: notice.attempts, error_code: code, alert_id: alert?.notification_id });
  await settle(notice, token, { status: "DEAD", last_error_code: code, updated_at: now }, "notification.dead", alert);
  metric("NoticeDead");
  if (alert) await announce([alert.notification_id]);
  return "dead";
}

function alertFor(notice: Stored, code: string, at: string): Stored | null {
  const operators = settings().operatorEmails;
  if (operators.length === 0) {
    log.error("no operator address configured; dead notice not alerted");
    return null;
  }
  const id = notice.notification_id;
  const input = parse(NoticeInput, {
    template: "system-alert",
    to: operators,
    props: {
      kind: "NOTIFICATION_DEAD",
      summary: `The ${notice.template} notice failed ${notice.attempts} time(s) and was dead-lettered.`,
      subject_id: id,
      contract_id: notice.contract_id,
      error_code: code,
      occurred_at: at,
      action: `Find the cause (error ${code}), then replay it: POST /api/admin/notifications/${id}/retry`.slice(0, 500),
    },
  });
  return queued({ notification_id: newId("NT"), ...input }, at);
}

const isConditionFailure = (error: unknown) =>
  error instanceof Error && /conditional request failed/i.test(`${error.message} ${(error as { cause?: Error }).cause?.message ?? ""}`);
