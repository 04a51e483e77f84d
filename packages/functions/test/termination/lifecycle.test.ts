import { describe, expect, it } from "vitest";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { Resource } from "sst";
import { settings } from "@testex/core";
import { s3 } from "@testex/core/object-store";
import { call } from "#test/api";
import { above, admin, approver, backupsOf, eventsOf, inDays, newContract, noticesOf, processEventsOf, requester } from "./fixtures";

const request = (contractId: string, body: Record<string, unknown>, as = requester) =>
  call("POST", `/api/contracts/${contractId}/termination`, { as, body });

describe("terminating a contract below the approval threshold", () => {
  it("terminates at once when effective today, and the processor backs it up and queues the notices", async () => {
    const { contractId, client } = await newContract();
    const reply = await request(contractId, { reason: "BREACH", effective_date: inDays(0), notes: "Repeated missed deliveries" });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ contract_id: contractId, status: "COMPLETED", reason: "BREACH", requested_by: "user-requester", requested_by_name: "Rita Requester", approval_required: false, effective_date: inDays(0) });

    const contract = await call("GET", `/api/contracts/${contractId}`, { as: "viewer" });
    expect(contract.body).toMatchObject({ status: "TERMINATED", termination_id: reply.body.termination_id, termination_reason: "BREACH", version: 2 });

    expect(await processEventsOf(contractId)).toEqual({ batchItemFailures: [] });
    expect(await backupsOf(contractId)).toEqual([`contracts/${contractId}/1.json`]);
    const backup = await (await s3()).send(new GetObjectCommand({ Bucket: Resource.Backups.name, Key: `contracts/${contractId}/1.json` }));
    const saved = JSON.parse(await backup.Body!.transformToString());
    expect(saved.contract).toMatchObject({ contract_id: contractId, status: "ACTIVE", version: 1 });
    expect(saved.termination).toMatchObject({ termination_id: reply.body.termination_id, status: "COMPLETED" });

    const notices = await noticesOf(contractId);
    expect(notices.map((n) => [n.template, n.to]).sort()).toEqual([
      ["status-update", ["requester@example.com"]],
      ["status-update", ["requester@example.com"]],
      ["termination-confirmation", [client.email]],
      ["termination-notice", [client.email]],
    ]);
    const notice = notices.find((n) => n.template === "termination-notice")!;
    expect(notice.props).toEqual({
      contract_id: contractId,
      contract_title: "Cleaning services",
      client_name: "Acme GmbH",
      reason: "Breach of contract",
      effective_date: inDays(0),
      notice_basis: "SHORT_NOTICE",
      notice_period_days: 30,
    });
    expect((await eventsOf(contractId)).map((e) => [e.type, e.status])).toEqual([
      ["contract.created", "DONE"],
      ["termination.scheduled", "DONE"],
      ["termination.completed", "DONE"],
    ]);
  });

  it("defaults the effective date to today plus the notice period and schedules it", async () => {
    const { contractId } = await newContract({ notice_period_days: 45 });
    const reply = await request(contractId, { reason: "CONVENIENCE" });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ status: "SCHEDULED", effective_date: inDays(45), approval_required: false });
    const contract = await call("GET", `/api/contracts/${contractId}`, { as: "viewer" });
    expect(contract.body.status).toBe("PENDING_TERMINATION");
  });

  it("refuses an effective date inside the notice period for a reason other than BREACH or MUTUAL_AGREEMENT", async () => {
    const { contractId } = await newContract({ notice_period_days: 30 });
    const reply = await request(contractId, { reason: "CONVENIENCE", effective_date: inDays(10) });
    expect(reply.status).toBe(422);
    expect(reply.body.errors).toEqual([expect.objectContaining({ path: "effective_date" })]);
    expect((await call("GET", `/api/contracts/${contractId}`, { as: "viewer" })).body.status).toBe("ACTIVE");
  });

  it("accepts an effective date inside the notice period by mutual agreement", async () => {
    const { contractId } = await newContract({ notice_period_days: 30 });
    const reply = await request(contractId, { reason: "MUTUAL_AGREEMENT", effective_date: inDays(10) });
    expect(reply.status).toBe(201);
    expect(reply.body.status).toBe("SCHEDULED");
  });

  it("refuses an effective date in the past, whatever the reason", async () => {
    const { contractId } = await newContract();
    const reply = await request(contractId, { reason: "BREACH", effective_date: inDays(-1) });
    expect(reply.status).toBe(422);
  });

  it("refuses an unknown reason with 422", async () => {
    const { contractId } = await newContract();
    expect((await request(contractId, { reason: "BORED" })).status).toBe(422);
  });
});

describe("terminating a contract at or above the approval threshold", () => {
  it("waits for an approver, who approves; due today it terminates at once", async () => {
    const { contractId } = await newContract({ value: above() });
    const asked = await request(contractId, { reason: "BREACH", effective_date: inDays(0) });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ status: "PENDING_APPROVAL", approval_required: true });

    const approved = await call("POST", `/api/contracts/${contractId}/termination/approve`, { as: approver, body: { comment: "Agreed" } });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: "COMPLETED", decisions: [{ by: "user-approver", name: "Abe Approver", outcome: "APPROVED", comment: "Agreed" }] });
    expect((await call("GET", `/api/contracts/${contractId}`, { as: "viewer" })).body.status).toBe("TERMINATED");

    expect(await processEventsOf(contractId)).toEqual({ batchItemFailures: [] });
    expect((await eventsOf(contractId)).map((e) => e.type)).toEqual(["contract.created", "termination.requested", "termination.approved", "termination.completed"]);
    const templates = (await noticesOf(contractId)).map((n) => n.template).sort();
    const approvers = settings().approvers!.map(() => "approval-request");
    expect(templates).toEqual([...approvers, "status-update", "status-update", "termination-confirmation", "termination-decision", "termination-notice"]);
    // Each names the termination it is part of (what a notice's webhook events tell a receiver).
    expect(new Set((await noticesOf(contractId)).map((n) => n.termination_id))).toEqual(new Set([asked.body.termination_id]));
    const approval = (await noticesOf(contractId)).find((n) => n.template === "approval-request")!;
    expect(approval.props).toEqual({
      contract_id: contractId,
      contract_title: "Cleaning services",
      requested_by: "Rita Requester",
      reason: "Breach of contract",
      value: above(),
      currency: "USD",
      effective_date: inDays(0),
      approver_name: expect.any(String),
      notice_basis: "SHORT_NOTICE",
      notice_period_days: 30,
      approvals_required: 1,
      approved_by: [],
      review_url: `${Resource.Web.url}/contracts/${contractId}/termination`,
    });
    const decision = (await noticesOf(contractId)).find((n) => n.template === "termination-decision")!;
    expect(decision).toMatchObject({
      to: ["requester@example.com"],
      props: { contract_id: contractId, contract_title: "Cleaning services", decision: "APPROVED", decided_by: "Abe Approver", comment: "Agreed" },
    });
    expect(await backupsOf(contractId)).toHaveLength(1);

    const trail = await call("GET", `/api/contracts/${contractId}/audit`, { as: "viewer" });
    // The letter was written (and verified like any document) when the approval fixed the date, and archived with the contract's documents when it ended.
    expect(trail.body.items.map((e: { action: string }) => e.action)).toEqual([
      "file.archived",
      "file.available",
      "file.generated",
      "termination.completed",
      "termination.approved",
      "termination.requested",
      "contract.created",
    ]);
  });

  it("accepts an approval whose JSON body is empty", async () => {
    const { contractId } = await newContract({ value: above() });
    await request(contractId, { reason: "BREACH", effective_date: inDays(0) });
    const reply = await call("POST", `/api/contracts/${contractId}/termination/approve`, { as: approver, raw: "", headers: { "content-type": "application/json" } });
    expect(reply.status).toBe(200);
  });

  it("refuses the requester's own approval (four eyes) with 403", async () => {
    const { contractId } = await newContract({ value: above() });
    await request(contractId, { reason: "CONVENIENCE" });
    const self = { id: "user-requester", email: "requester@example.com", roles: ["admin"] };
    const reply = await call("POST", `/api/contracts/${contractId}/termination/approve`, { as: self, body: {} });
    expect(reply.status).toBe(403);
    expect(reply.body.code).toBe("termination.four_eyes");
  });

  it("refuses an approval by an editor with 403", async () => {
    const { contractId } = await newContract({ value: above() });
    await request(contractId, { reason: "CONVENIENCE" });
    const reply = await call("POST", `/api/contracts/${contractId}/termination/approve`, { as: "editor", body: {} });
    expect(reply.status).toBe(403);
    expect(reply.body.code).toBe("auth.forbidden");
  });

  it("returns a rejected request's contract to where it was and tells the requester why", async () => {
    const { contractId } = await newContract({ value: above() });
    await call("POST", `/api/contracts/${contractId}/suspend`, { as: requester });
    await request(contractId, { reason: "CONVENIENCE" });
    const reply = await call("POST", `/api/contracts/${contractId}/termination/reject`, { as: approver, body: { comment: "Still needed" } });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ status: "REJECTED", decisions: [{ by: "user-approver", outcome: "REJECTED", comment: "Still needed" }] });
    expect((await call("GET", `/api/contracts/${contractId}`, { as: "viewer" })).body.status).toBe("SUSPENDED");
    await processEventsOf(contractId);
    const decision = (await noticesOf(contractId)).find((n) => n.template === "termination-decision")!;
    expect(decision).toMatchObject({ to: ["requester@example.com"], props: { decision: "REJECTED", decided_by: "Abe Approver", comment: "Still needed" } });
  });

  it("refuses a rejection without a comment with 422", async () => {
    const { contractId } = await newContract({ value: above() });
    await request(contractId, { reason: "CONVENIENCE" });
    const reply = await call("POST", `/api/contracts/${contractId}/termination/reject`, { as: approver, body: {} });
    expect(reply.status).toBe(422);
  });
});

describe("withdrawing a request", () => {
  it("lets the requester withdraw a pending request; the contract is ACTIVE again", async () => {
    const { contractId } = await newContract({ value: above() });
    await request(contractId, { reason: "CONVENIENCE" });
    const reply = await call("POST", `/api/contracts/${contractId}/termination/withdraw`, { as: requester });
    expect(reply.status).toBe(200);
    expect(reply.body.status).toBe("WITHDRAWN");
    expect((await call("GET", `/api/contracts/${contractId}`, { as: "viewer" })).body.status).toBe("ACTIVE");
    expect((await call("GET", `/api/contracts/${contractId}/termination`, { as: "viewer" })).body.status).toBe("WITHDRAWN");
    await processEventsOf(contractId);
    const updates = (await noticesOf(contractId)).filter((n) => n.template === "status-update").map((n) => n.props);
    expect(updates).toContainEqual({ contract_id: contractId, contract_title: "Cleaning services", status: "ACTIVE", changed_by: "Rita Requester" });
  });

  it("refuses a withdrawal by someone else with 403", async () => {
    const { contractId } = await newContract({ value: above() });
    await request(contractId, { reason: "CONVENIENCE" });
    const reply = await call("POST", `/api/contracts/${contractId}/termination/withdraw`, { as: "editor" });
    expect(reply.status).toBe(403);
    expect(reply.body.code).toBe("termination.not_requester");
  });
});

describe("refused transitions", () => {
  const moves = {
    suspend: (id: string) => call("POST", `/api/contracts/${id}/suspend`, { as: requester }),
    reinstate: (id: string) => call("POST", `/api/contracts/${id}/reinstate`, { as: requester }),
    request: (id: string) => request(id, { reason: "BREACH", effective_date: inDays(0) }),
  };

  it("refuses to reinstate an ACTIVE contract with 409, naming the state and the allowed moves", async () => {
    const { contractId } = await newContract();
    const reply = await moves.reinstate(contractId);
    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({ code: "termination.invalid_transition", status: 409, allowed: ["suspend", "request"] });
    expect(reply.body.type).toBe("/problems/termination.invalid_transition");
  });

  it("refuses to suspend a SUSPENDED contract with 409", async () => {
    const { contractId } = await newContract();
    expect((await moves.suspend(contractId)).status).toBe(200);
    const reply = await moves.suspend(contractId);
    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({ code: "termination.invalid_transition", allowed: ["reinstate", "request"] });
  });

  for (const move of ["suspend", "reinstate", "request"] as const) {
    it(`refuses to ${move} a PENDING_TERMINATION contract with 409`, async () => {
      const { contractId } = await newContract();
      await request(contractId, { reason: "CONVENIENCE" });
      const reply = await moves[move](contractId);
      expect(reply.status).toBe(409);
      expect(reply.body).toMatchObject({ code: "termination.invalid_transition", allowed: ["complete", "cancel"] });
    });

    it(`refuses to ${move} a TERMINATED contract with 409`, async () => {
      const { contractId } = await newContract();
      await moves.request(contractId);
      const reply = await moves[move](contractId);
      expect(reply.status).toBe(409);
      expect(reply.body).toMatchObject({ code: "termination.invalid_transition", allowed: [] });
    });
  }

  it("refuses to approve a termination that is already scheduled with 409", async () => {
    const { contractId } = await newContract();
    await request(contractId, { reason: "CONVENIENCE" });
    const reply = await call("POST", `/api/contracts/${contractId}/termination/approve`, { as: approver, body: {} });
    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({ code: "termination.invalid_transition", termination_status: "SCHEDULED", allowed: ["complete", "withdraw"] });
  });

  it("refuses to approve where nothing was requested with 404", async () => {
    const { contractId } = await newContract();
    const reply = await call("POST", `/api/contracts/${contractId}/termination/approve`, { as: approver, body: {} });
    expect(reply.status).toBe(404);
    expect(reply.body.code).toBe("termination.not_found");
  });

  it("answers 404 for the termination of an unknown contract", async () => {
    const reply = await call("POST", `/api/contracts/CT00000000000X/termination`, { as: requester, body: { reason: "BREACH" } });
    expect(reply.status).toBe(404);
  });
});

describe("suspending and reinstating", () => {
  it("suspends an ACTIVE contract and reinstates it, each audited", async () => {
    const { contractId } = await newContract();
    expect((await call("POST", `/api/contracts/${contractId}/suspend`, { as: requester })).body).toMatchObject({ status: "SUSPENDED", version: 2 });
    expect((await call("POST", `/api/contracts/${contractId}/reinstate`, { as: requester })).body).toMatchObject({ status: "ACTIVE", version: 3 });
    const trail = await call("GET", `/api/contracts/${contractId}/audit`, { as: "viewer" });
    expect(trail.body.items.map((e: { action: string }) => e.action).slice(0, 2)).toEqual(["contract.reinstated", "contract.suspended"]);
  });

  it("lets a viewer do neither (403)", async () => {
    const { contractId } = await newContract();
    expect((await call("POST", `/api/contracts/${contractId}/suspend`, { as: "viewer" })).status).toBe(403);
  });
});

describe("listing terminations", () => {
  it("lists pending and scheduled terminations effective on or before a date, by status", async () => {
    const { contractId: pending } = await newContract({ value: above(), notice_period_days: 400 });
    const { contractId: scheduled } = await newContract({ notice_period_days: 400 });
    await request(pending, { reason: "CONVENIENCE" });
    await request(scheduled, { reason: "CONVENIENCE" });
    // Other suites share the table, so read every page rather than assume one.
    const contractsIn = async (query: string) => {
      const ids: string[] = [];
      let cursor = "";
      do {
        const page = await call("GET", `/api/terminations?${query}&limit=100${cursor && `&cursor=${cursor}`}`, { as: "viewer" });
        expect(page.status).toBe(200);
        ids.push(...page.body.items.map((t: { contract_id: string }) => t.contract_id));
        cursor = page.body.next_cursor ?? "";
      } while (cursor);
      return ids;
    };
    expect(await contractsIn(`effective_before=${inDays(400)}`)).toEqual(expect.arrayContaining([pending, scheduled]));
    const pendingIds = await contractsIn(`status=PENDING_APPROVAL&effective_before=${inDays(400)}`);
    expect(pendingIds).toContain(pending);
    expect(pendingIds).not.toContain(scheduled);
    expect(await contractsIn(`effective_before=${inDays(399)}`)).not.toContain(pending);
  });

  it("refuses an unknown status with 422", async () => {
    expect((await call("GET", `/api/terminations?status=LOST`, { as: "viewer" })).status).toBe(422);
  });

  it("keeps dead events for admins only", async () => {
    expect((await call("GET", `/api/admin/dead-events`, { as: "viewer" })).status).toBe(403);
    expect((await call("GET", `/api/admin/dead-events`, { as: admin })).status).toBe(200);
  });
});

describe("a contract's events", () => {
  it("shows each outbox event and the effects it has done", async () => {
    const { contractId } = await newContract();
    await request(contractId, { reason: "BREACH", effective_date: inDays(0) });
    await processEventsOf(contractId);
    const reply = await call("GET", `/api/contracts/${contractId}/events`, { as: "viewer" });
    expect(reply.status).toBe(200);
    expect(reply.body.items).toEqual([
      // Nothing subscribes to a new contract but the webhooks.
      expect.objectContaining({ type: "contract.created", status: "DONE", effects_done: ["webhooks"] }),
      expect.objectContaining({
        type: "termination.scheduled",
        status: "DONE",
        effects_done: ["letter", "notice:status-update:requester@example.com", "notice:termination-notice:client", "webhooks"],
      }),
      expect.objectContaining({
        type: "termination.completed",
        status: "DONE",
        effects_done: ["archive", "backup", "notice:status-update:requester@example.com", "notice:termination-confirmation:client", "webhooks"],
      }),
    ]);
  });
});
