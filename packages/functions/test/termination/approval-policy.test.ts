import { describe, expect, it } from "vitest";
import { settings, systemActor, Termination } from "@testex/core";
import { noticeId } from "@testex/core/notification/index";
import { db } from "@testex/core/entities";
import { as } from "#test/fixtures";
import { call, type Caller } from "#test/api";
import { above, aboveTwo, approver, inDays, newContract, noticesOf, processEventsOf, requester } from "./fixtures";

const secondApprover: Caller = { id: "user-approver-2", email: "approver2@example.com", roles: ["approver"] };
const request = (contractId: string, body: Record<string, unknown>) => call("POST", `/api/contracts/${contractId}/termination`, { as: requester, body });
const approve = (contractId: string, who: Caller, comment?: string) =>
  call("POST", `/api/contracts/${contractId}/termination/approve`, { as: who, body: comment ? { comment } : {} });
const update = (contractId: string, version: number, body: Record<string, unknown>) =>
  call("PUT", `/api/contracts/${contractId}`, { as: "editor", body, headers: { "if-match": `"${version}"` } });

describe("who must approve a termination", () => {
  it("still needs an approver when the value was lowered to 1 right before the request (the dodge)", async () => {
    const { contractId } = await newContract({ value: 120_000 });
    expect((await update(contractId, 1, { value: 1 })).status).toBe(200);
    const asked = await request(contractId, { reason: "BREACH", effective_date: inDays(0) });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ status: "PENDING_APPROVAL", approval_required: true, approvals_required: 1, decisions: [] });
    expect((await call("GET", `/api/contracts/${contractId}`, { as: "viewer" })).body).toMatchObject({ status: "PENDING_TERMINATION", value: 1, approval_tier: 1 });
  });

  it("still needs an approver when the currency was changed to one with higher thresholds", async () => {
    const { contractId } = await newContract({ value: 120_000 });
    expect((await update(contractId, 1, { currency: "JPY" })).status).toBe(200);
    expect((await request(contractId, { reason: "CONVENIENCE" })).body).toMatchObject({ status: "PENDING_APPROVAL", approvals_required: 1 });
  });

  it("reads thresholds in the contract's currency: 60,000 JPY needs no approver, 60,000 USD does", async () => {
    const yen = await newContract({ value: 60_000, currency: "JPY" });
    const dollars = await newContract({ value: 60_000 });
    expect((await request(yen.contractId, { reason: "CONVENIENCE" })).body).toMatchObject({ status: "SCHEDULED", approvals_required: 0 });
    expect((await request(dollars.contractId, { reason: "CONVENIENCE" })).body).toMatchObject({ status: "PENDING_APPROVAL", approvals_required: 1 });
    expect(settings().approval.byCurrency.JPY!.one).toBeGreaterThan(60_000);
  });

  it("needs an approver for 49,999 KWD (about 160,000 USD), and two for 240,000 in GBP, EUR, CHF, BHD or OMR", async () => {
    const dinars = await newContract({ value: 49_999, currency: "KWD" });
    expect((await request(dinars.contractId, { reason: "CONVENIENCE" })).body).toMatchObject({ status: "PENDING_APPROVAL", approvals_required: 1 });
    for (const currency of ["GBP", "EUR", "CHF", "BHD", "OMR"]) {
      const { contractId } = await newContract({ value: 240_000, currency });
      expect((await request(contractId, { reason: "CONVENIENCE" })).body, currency).toMatchObject({ approvals_required: 2 });
    }
  });

  it("refuses a contract in a currency the stage has no thresholds for (neither its own nor an exchange rate), on create and on update, with 422 saying so", async () => {
    const currency = "MNT";
    expect(settings().approval.byCurrency[currency] ?? settings().approval.exchangeRates[currency]).toBeUndefined();
    const { contractId, client } = await newContract();
    const created = await call("POST", "/api/contracts", {
      as: "editor",
      body: { client_id: client.client_id, title: "X", contract_type: "SERVICE", start_date: "2026-01-01", end_date: "2027-01-01", value: 10, currency },
    });
    expect(created.status).toBe(422);
    expect(created.body.errors).toEqual([{ path: "currency", message: expect.stringContaining("this stage has no approval thresholds for MNT") }]);
    const updated = await update(contractId, 1, { currency });
    expect(updated.status).toBe(422);
    expect(updated.body.errors[0].path).toBe("currency");
  });

  it("refuses a currency that is not an active ISO 4217 code, on create and on update, with 422", async () => {
    const { contractId, client } = await newContract();
    const created = await call("POST", "/api/contracts", {
      as: "editor",
      body: { client_id: client.client_id, title: "X", contract_type: "SERVICE", start_date: "2026-01-01", end_date: "2027-01-01", value: 10, currency: "XYZ" },
    });
    expect(created.status).toBe(422);
    expect(created.body.errors).toEqual([{ path: "currency", message: "currency: not an active ISO 4217 currency code" }]);
    expect((await update(contractId, 1, { currency: "XYZ" })).status).toBe(422);
  });
});

describe("a termination above the second threshold", () => {
  it("needs two distinct approvers, neither the requester; each decision is kept with who, when and why", async () => {
    const { contractId, client } = await newContract({ value: aboveTwo() });
    expect((await request(contractId, { reason: "CONVENIENCE" })).body).toMatchObject({ status: "PENDING_APPROVAL", approvals_required: 2 });

    const first = await approve(contractId, approver, "Fine by finance");
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: "PENDING_APPROVAL", decisions: [{ by: "user-approver", outcome: "APPROVED", comment: "Fine by finance" }] });

    const again = await approve(contractId, approver);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("termination.already_approved");
    const self = await approve(contractId, { id: "user-requester", email: "requester@example.com", roles: ["admin"] });
    expect(self.body.code).toBe("termination.four_eyes");

    const second = await approve(contractId, secondApprover, "Agreed with legal");
    expect(second.status).toBe(200);
    expect(second.body.status).toBe("SCHEDULED");
    expect(second.body.decisions).toEqual([
      { by: "user-approver", name: "Abe Approver", at: expect.any(String), outcome: "APPROVED", comment: "Fine by finance" },
      { by: "user-approver-2", at: expect.any(String), outcome: "APPROVED", comment: "Agreed with legal" },
    ]);

    await processEventsOf(contractId);
    const notices = await noticesOf(contractId);
    // The client hears once, when the second approval fixed the date.
    expect(notices.filter((n) => n.to.includes(client.email)).map((n) => n.template)).toEqual(["termination-notice"]);
  });

  it("is rejected by one approver after another approved", async () => {
    const { contractId } = await newContract({ value: aboveTwo() });
    await request(contractId, { reason: "CONVENIENCE" });
    await approve(contractId, approver);
    const rejected = await call("POST", `/api/contracts/${contractId}/termination/reject`, { as: secondApprover, body: { comment: "Not now" } });
    expect(rejected.body).toMatchObject({ status: "REJECTED", decisions: [{ outcome: "APPROVED" }, { by: "user-approver-2", outcome: "REJECTED", comment: "Not now" }] });
  });
});

describe("a termination decided before decisions were a list", () => {
  it("reads its single decision as a list of one", async () => {
    const { contractId } = await newContract({ value: above() });
    const asked = await request(contractId, { reason: "CONVENIENCE" });
    const id = asked.body.termination_id as string;
    // As the previous release stored an approval: single fields, no list, no count of approvers.
    const { data: stored } = await db.entities.termination.get({ termination_id: id }).go();
    const { decisions: _list, approvals_required: _count, notice_basis: _basis, notice_period_days: _days, ...old } = stored!;
    await db.entities.termination
      .put({ ...old, status: "SCHEDULED", decided_by: "user-old-approver", decided_at: "2026-01-02T03:04:05.000Z", decision_comment: "Old style" })
      .go();
    const read = await call("GET", `/api/contracts/${contractId}/termination`, { as: "viewer" });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      approvals_required: 1,
      decisions: [{ by: "user-old-approver", at: "2026-01-02T03:04:05.000Z", outcome: "APPROVED", comment: "Old style" }],
    });
    expect(read.body).not.toHaveProperty("decided_by");
  });
});

describe("approvers", () => {
  it("are each sent the request by name, with its link, and reminded once per period while it waits", async () => {
    const { contractId } = await newContract({ value: above() });
    const asked = await request(contractId, { reason: "CONVENIENCE" });
    await processEventsOf(contractId);
    const requests = (await noticesOf(contractId)).filter((n) => n.template === "approval-request");
    const named = settings().approvers!;
    expect(named.length).toBeGreaterThan(1);
    expect(requests.map((n) => [n.to, n.props.approver_name]).sort()).toEqual(named.map((a) => [[a.email], a.name]).sort());
    expect(requests.map((n) => n.to)).not.toContainEqual(settings().approverEmails);
    for (const notice of requests) expect(notice.props.review_url).toMatch(new RegExp(`/contracts/${contractId}/termination$`));

    const every = settings().approval.remindAfterDays;
    const remind = (days: number) => as(systemActor("scheduler"), () => Termination.remindApprovers(inDays(days)));
    const reminderOf = async (period: number, approverEmail: string) =>
      (await db.entities.notification.get({ notification_id: noticeId(`${asked.body.termination_id}:reminder:${period}`, "approval-request", approverEmail) }).go()).data;

    await remind(every - 1);
    expect(await reminderOf(0, named[0]!.email)).toBeNull();
    await remind(every);
    await remind(every);
    for (const { email } of named) {
      expect(await reminderOf(1, email)).toMatchObject({ template: "approval-request", to: [email], props: { contract_id: contractId, waiting_days: every } });
    }
  });
});
