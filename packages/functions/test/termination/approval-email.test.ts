import { settings, systemActor, Termination } from "@testex/core";
import { noticeId } from "@testex/core/notification/index";
import { LETTER_PREVIEW_FILENAME } from "@testex/core/termination/letter";
import { as } from "#test/fixtures";
import type { Actor } from "@testex/core/context";
import { call } from "#test/api";
import { describe, expect, it } from "vitest";
import { handler as notifier } from "../../src/notifier";
import { mailTo, sqsEvent } from "../notices";
import { aboveTwo, approver, inDays, letterPreview, newContract, noticesOf, pdfText, processEventsOf, requester } from "./fixtures";

const MESSAGE = "Thank you for working with us. Your data export will follow within 30 days.";

/** A named approver of the stage, as their token would name them. */
const ana = (): Actor & { email: string } => {
  const named = settings().approvers!.find((a) => a.name === "Ana Ortiz")!;
  return { id: named.id!, email: named.email, name: named.name, roles: ["approver"] };
};

/** Sends the queued notice through the notifier and reads the mail the local SES server received for it. */
async function sent(notificationId: string, to: string, contractId: string) {
  expect(await notifier(sqsEvent([notificationId]))).toEqual({ batchItemFailures: [] });
  const mails = (await mailTo(to)).filter((mail) => mail.subject.includes(contractId));
  return mails.at(-1)!;
}

/** SES's smallest limit on a whole message (SendRawEmail through its v1 API and SMTP), encoded: the v2 API's is 40 MB. */
const SES_MESSAGE_BYTES = 10 * 1024 * 1024;

const attachedPdf = (mail: Awaited<ReturnType<typeof sent>>) => {
  const [attachment, ...others] = mail.attachments ?? [];
  expect(others).toEqual([]);
  expect(attachment).toMatchObject({ filename: LETTER_PREVIEW_FILENAME, contentType: "application/pdf" });
  expect(attachment!.content.length + (mail.body.html?.length ?? 0) + (mail.body.text?.length ?? 0)).toBeLessThan(SES_MESSAGE_BYTES);
  return new Uint8Array(Buffer.from(attachment!.content, "base64"));
};

async function twoApprovalRequest() {
  const { contractId } = await newContract({ value: aboveTwo(), notice_period_days: 30 });
  const asked = await call("POST", `/api/contracts/${contractId}/termination`, { as: requester, body: { reason: "CONVENIENCE", client_message: MESSAGE } });
  expect(asked.body).toMatchObject({ status: "PENDING_APPROVAL", approvals_required: 2 });
  expect(await processEventsOf(contractId)).toEqual({ batchItemFailures: [] });
  return { contractId, terminationId: asked.body.termination_id as string };
}

describe("an approval request e-mail", () => {
  it("shows the client's message, the notice basis and the approvals needed, with the letter attached exactly as its approver previews it", async () => {
    const { contractId } = await twoApprovalRequest();
    const request = (await noticesOf(contractId)).find((n) => n.template === "approval-request" && n.to[0] === ana().email)!;

    const mail = await sent(request.notification_id, ana().email, contractId);
    expect(mail.body.text).toContain(MESSAGE);
    expect(mail.body.text).toContain("30 days' notice, as the contract provides");
    expect(mail.body.text).toContain("0 of 2");
    const pdf = attachedPdf(mail);
    const text = pdfText(pdf);
    expect(text).toContain(MESSAGE.slice(0, 30));
    expect(text).toBe(pdfText((await letterPreview(contractId, ana())).bytes));
  });

  it("reminds with the approvals given since, and the letter as it now reads, with that approval in it", async () => {
    const { contractId, terminationId } = await twoApprovalRequest();
    expect((await call("POST", `/api/contracts/${contractId}/termination/approve`, { as: approver })).status).toBe(200);
    const every = settings().approval.remindAfterDays;
    await as(systemActor("scheduler"), () => Termination.remindApprovers(inDays(every)));

    const reminder = noticeId(`${terminationId}:reminder:1`, "approval-request", ana().email);
    const mail = await sent(reminder, ana().email, contractId);
    expect(mail.subject).toContain(`Reminder (waiting ${every} days)`);
    expect(mail.body.text).toContain("1 of 2, Abe Approver approved");
    const text = pdfText(attachedPdf(mail));
    expect(text).toContain("Abe Approver");
    expect(text).toBe(pdfText((await letterPreview(contractId, ana())).bytes));
  });
});
