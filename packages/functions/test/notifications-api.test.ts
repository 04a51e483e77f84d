import { SendEmailCommand } from "@aws-sdk/client-sesv2";
import { ses } from "@testex/core/notification/ses";
import { newId } from "@testex/core/id";
import { uniqueEmail } from "#test/fixtures";
import { mockClient } from "aws-sdk-client-mock";
import { Resource } from "sst";
import { describe, expect, it } from "vitest";
import { call } from "#test/api";
import { handler } from "../src/notifier";
import { mailTo, sqsEvent, terminationProps } from "./notices";

async function newContract(end_date = "2027-06-30") {
  const client = await call("POST", "/api/clients", { as: "admin", body: { name: "Globex Corporation", email: uniqueEmail("globex") } });
  const contract = await call("POST", "/api/contracts", {
    as: "admin",
    body: { client_id: client.body.client_id, title: "Data centre lease", contract_type: "LEASE", start_date: "2025-01-01", end_date, value: 120000 },
  });
  expect(contract.status).toBe(201);
  return contract.body.contract_id as string;
}

const noticeAbout = (contract_id: string, to = [uniqueEmail("api")]) => ({ template: "termination-notice", to, contract_id, props: terminationProps(contract_id) });

/** A notice SES refused for good: DEAD at its first attempt. */
async function deadNotice(to = [uniqueEmail("dead")]): Promise<string> {
  const queued = await call("POST", "/api/notifications", { as: "admin", body: noticeAbout(await newContract(), to) });
  const id = queued.body.notification_id as string;
  const sesMock = mockClient(await ses()).on(SendEmailCommand).rejects(Object.assign(new Error("MessageRejected"), { name: "MessageRejected", $metadata: { httpStatusCode: 400 } }));
  await handler(sqsEvent([id]));
  sesMock.restore();
  return id;
}

describe("POST /api/notifications", () => {
  it("queues a notice for an admin and answers 202 with its id", async () => {
    const contractId = await newContract();
    const reply = await call("POST", "/api/notifications", { as: "admin", body: noticeAbout(contractId) });

    expect(reply.status).toBe(202);
    expect(reply.body).toMatchObject({ status: "QUEUED", attempts: 0, template: "termination-notice", contract_id: contractId });
    expect(reply.headers.get("location")).toBe(`/api/notifications/${reply.body.notification_id}`);
  });

  it("refuses a viewer with 403", async () => {
    const reply = await call("POST", "/api/notifications", { as: "viewer", body: noticeAbout(newId("CT")) });
    expect(reply.status).toBe(403);
  });

  it("refuses props that do not fit the template with 422 naming each field", async () => {
    const props = { ...terminationProps(), effective_date: "2027-02-30", client_name: undefined };
    const reply = await call("POST", "/api/notifications", { as: "admin", body: { template: "termination-notice", to: [uniqueEmail()], props } });

    expect(reply.status).toBe(422);
    expect(reply.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(["props.client_name", "props.effective_date"]);
  });

  it("refuses an unknown template and a bad recipient with 422", async () => {
    const unknown = await call("POST", "/api/notifications", { as: "admin", body: { template: "birthday", to: [uniqueEmail()], props: {} } });
    const badRecipient = await call("POST", "/api/notifications", { as: "admin", body: { ...noticeAbout(newId("CT")), to: ["not-an-address"] } });

    expect(unknown.status).toBe(422);
    expect(badRecipient.status).toBe(422);
    expect(badRecipient.body.errors[0].path).toBe("to.0");
  });

  it("refuses a notice about a contract that does not exist with 404", async () => {
    const reply = await call("POST", "/api/notifications", { as: "admin", body: noticeAbout(newId("CT")) });
    expect(reply.status).toBe(404);
    expect(reply.body.code).toBe("contract.not_found");
  });
});

describe("links and contracts in notices sent through the API", () => {
  const approvalRequest = (contract_id: string, extra: Record<string, unknown> = {}) => ({
    template: "approval-request",
    to: [uniqueEmail("approver")],
    props: { contract_id, contract_title: "Data centre lease", requested_by: "Edward Lin", reason: "Breach", value: 120000, currency: "EUR", effective_date: "2027-01-31", ...extra },
  });

  it("refuses an approval request that brings its own link with 422 naming it", async () => {
    const reply = await call("POST", "/api/notifications", { as: "admin", body: approvalRequest(await newContract(), { review_url: "https://evil.example/login" }) });
    expect(reply.status).toBe(422);
    expect(reply.body.errors.map((e: { path: string }) => e.path)).toEqual(["props.review_url"]);
  });

  it("refuses a notice whose props name a contract that does not exist with 404, though the notice itself names none", async () => {
    const reply = await call("POST", "/api/notifications", { as: "admin", body: approvalRequest(newId("CT")) });
    expect(reply.status).toBe(404);
    expect(reply.body.code).toBe("contract.not_found");
  });

  it("links an approval request to the contract's request in the stage's console, and files it under that contract", async () => {
    const contractId = await newContract();
    const body = approvalRequest(contractId);
    const reply = await call("POST", "/api/notifications", { as: "admin", body });
    expect(reply.status).toBe(202);
    expect(reply.body.contract_id).toBe(contractId);

    await handler(sqsEvent([reply.body.notification_id]));
    const [mail] = await mailTo(...body.to);
    const links = [...mail!.body.html!.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
    expect(links).toContain(`${Resource.Web.url}/contracts/${contractId}/termination`);
    expect(links.every((link) => link!.startsWith(`${Resource.Web.url}/`))).toBe(true);
  });
});

describe("reading notices", () => {
  it("shows a viewer a notice's delivery state once it is sent", async () => {
    const contractId = await newContract();
    const queued = await call("POST", "/api/notifications", { as: "admin", body: noticeAbout(contractId) });
    await handler(sqsEvent([queued.body.notification_id]));
    const reply = await call("GET", `/api/notifications/${queued.body.notification_id}`, { as: "viewer" });

    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ status: "SENT", attempts: 1 });
    expect(reply.body.ses_message_id).toBeTruthy();
    expect(reply.body).not.toHaveProperty("claim_token");
  });

  it("answers 404 for a notice that does not exist", async () => {
    const reply = await call("GET", "/api/notifications/NT00000000", { as: "viewer" });
    expect(reply.status).toBe(404);
  });

  it("lists a contract's notices newest first, and only that contract's", async () => {
    const contractId = await newContract();
    const other = await newContract();
    const first = await call("POST", "/api/notifications", { as: "admin", body: noticeAbout(contractId) });
    const second = await call("POST", "/api/notifications", { as: "admin", body: noticeAbout(contractId) });
    await call("POST", "/api/notifications", { as: "admin", body: noticeAbout(other) });
    const reply = await call("GET", `/api/contracts/${contractId}/notifications`, { as: "viewer" });

    expect(reply.status).toBe(200);
    expect(reply.body.items.map((n: { notification_id: string }) => n.notification_id)).toEqual([second.body.notification_id, first.body.notification_id]);
  });
});

describe("POST /api/admin/notifications/{id}/retry", () => {
  it("replays a DEAD notice, which is then delivered", async () => {
    const to = [uniqueEmail("replay")];
    const id = await deadNotice(to);

    const reply = await call("POST", `/api/admin/notifications/${id}/retry`, { as: "admin" });
    expect(reply.status).toBe(202);
    expect(reply.body).toMatchObject({ status: "QUEUED", attempts: 0 });
    await handler(sqsEvent([id]));
    expect(await mailTo(...to)).toHaveLength(1);
  });

  it("lists DEAD notices for an admin, and refuses a viewer", async () => {
    const id = await deadNotice();

    const dead = await call("GET", "/api/admin/notifications/dead?limit=100", { as: "admin" });
    expect(dead.status).toBe(200);
    expect(dead.body.items.map((n: { notification_id: string }) => n.notification_id)).toContain(id);
    expect(dead.body.items.every((n: { status: string }) => n.status === "DEAD")).toBe(true);
    expect((await call("GET", "/api/admin/notifications/dead", { as: "viewer" })).status).toBe(403);
  });

  it("refuses to replay a notice that is not DEAD with 409", async () => {
    const queued = await call("POST", "/api/notifications", { as: "admin", body: noticeAbout(await newContract()) });
    const reply = await call("POST", `/api/admin/notifications/${queued.body.notification_id}/retry`, { as: "admin" });
    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({ code: "notification.not_dead", notification_status: "QUEUED" });
  });

  it("refuses a viewer with 403", async () => {
    const reply = await call("POST", "/api/admin/notifications/NT00000000/retry", { as: "viewer" });
    expect(reply.status).toBe(403);
  });
});
