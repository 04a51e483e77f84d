import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { mockClient } from "aws-sdk-client-mock";
import { execFileSync } from "node:child_process";
import { Resource } from "sst";
import { describe, expect, it } from "vitest";
import { File, settings, systemActor, Termination } from "@testex/core";
import { objectKey } from "@testex/core/file/objects";
import { as } from "#test/fixtures";
import { s3 } from "@testex/core/object-store";
import { call } from "#test/api";
import { handler as notifier } from "../../src/notifier";
import { mailTo, sqsEvent } from "../notices";
import { above, approver, inDays, newContract, noticesOf, processEventsOf, requester } from "./fixtures";

/** What the workers do after a change: the processor runs the events, the notifier sends what they queued. */
async function runWorkers(contractId: string) {
  expect(await processEventsOf(contractId)).toEqual({ batchItemFailures: [] });
  const queued = (await noticesOf(contractId)).filter((n) => n.status === "QUEUED").map((n) => n.notification_id);
  expect((await notifier(sqsEvent(queued))).batchItemFailures).toEqual([]);
}

const pdf = (base64: string) => Buffer.from(base64, "base64").subarray(0, 5).toString();
const INTERNAL = "Client has been difficult; legal wants out";
const MESSAGE = "Thank you for working with us. Your data export will follow within 30 days.";

describe("a termination for convenience with 30 days' notice", () => {
  it("puts the notice, with the termination letter attached as a PDF, in the client's inbox on the day of approval", async () => {
    const { contractId, client } = await newContract({ value: above(), notice_period_days: 30 });
    await call("POST", `/api/contracts/${contractId}/termination`, { as: requester, body: { reason: "CONVENIENCE", notes: INTERNAL, client_message: MESSAGE } });
    await runWorkers(contractId);
    expect(await mailTo(client.email)).toEqual([]);

    const approved = await call("POST", `/api/contracts/${contractId}/termination/approve`, { as: approver });
    expect(approved.body).toMatchObject({ status: "SCHEDULED", effective_date: inDays(30) });
    await runWorkers(contractId);

    const [notice, ...others] = await mailTo(client.email);
    expect(others).toEqual([]);
    expect(notice!.subject).toBe(`Notice of termination: Cleaning services (${contractId})`);
    expect(notice!.body.text).toContain("Reason: Termination for convenience");
    expect(notice!.body.text).toContain("Notice: 30 days' notice, as the contract provides");
    expect(notice!.body.text).toContain(MESSAGE);
    expect(notice!.body.text).not.toContain("CONVENIENCE");
    expect(notice!.body.html).not.toContain(INTERNAL);
    expect(notice!.attachments).toEqual([
      expect.objectContaining({ filename: `termination-letter-${contractId}.pdf`, contentType: "application/pdf", content: expect.any(String) }),
    ]);
    expect(pdf(notice!.attachments![0]!.content)).toBe("%PDF-");
  });

  it("writes the letter on the stage's letterhead, signed by its signatory, naming who requested and who approved by name", async () => {
    const { contractId, client } = await newContract({ value: above(), notice_period_days: 30 });
    await call("POST", `/api/contracts/${contractId}/termination`, { as: requester, body: { reason: "CONVENIENCE" } });
    await call("POST", `/api/contracts/${contractId}/termination/approve`, { as: approver });
    await runWorkers(contractId);

    const [notice] = await mailTo(client.email);
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", "-", "-"], { input: Buffer.from(notice!.attachments![0]!.content, "base64") }).toString("utf8");
    const { legalEntity, address, registration, signatory } = settings().letterhead;
    for (const line of [legalEntity, ...address, registration!, signatory.name, signatory.title, `For ${legalEntity}`]) expect(text).toContain(line);
    const [asker, decider] = [requester, approver] as { name: string; email: string }[];
    expect(text).toMatch(new RegExp(`Requested by\\s+${asker!.name}`));
    expect(text).toMatch(new RegExp(`Approved by\\s+${decider!.name}`));
    expect(text).not.toContain(decider!.email);
  });

  it("keeps the letter as the contract's immutable termination_letter document, backed up and downloadable", async () => {
    const { contractId } = await newContract({ notice_period_days: 30 });
    const asked = await call("POST", `/api/contracts/${contractId}/termination`, { as: requester, body: { reason: "CONVENIENCE" } });
    expect(asked.body.status).toBe("SCHEDULED");
    await runWorkers(contractId);

    const link = await call("GET", `/api/contracts/${contractId}/termination/letter`, { as: "viewer" });
    expect(link.status).toBe(200);
    const fileId = Termination.letterFileId(asked.body.termination_id);
    expect(link.body.file).toMatchObject({ file_id: fileId, kind: "termination_letter", status: "AVAILABLE", content_type: "application/pdf" });
    const download = await fetch(link.body.download.url);
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    expect(bytes.length).toBe(link.body.file.size);

    const backup = await (await s3()).send(new GetObjectCommand({ Bucket: Resource.Backups.name, Key: `contracts/${contractId}/${fileId}` }));
    expect(Buffer.from(await backup.Body!.transformToByteArray()).equals(bytes)).toBe(true);

    const removal = await call("DELETE", `/api/contracts/${contractId}/files/${fileId}`, { as: "admin" });
    expect(removal.status).toBe(409);
    expect(removal.body.code).toBe("file.immutable");
  });

  it("passes the files bucket's own check, which the file handler runs the moment the object lands", async () => {
    const { contractId } = await newContract({ notice_period_days: 30 });
    const asked = await call("POST", `/api/contracts/${contractId}/termination`, { as: requester, body: { reason: "CONVENIENCE" } });
    const fileId = Termination.letterFileId(asked.body.termination_id);
    const key = objectKey(contractId, fileId);
    // The S3 event's handler runs right after the letter's PUT to the files bucket, before the processor goes on.
    const verdicts: string[] = [];
    const client = await s3();
    const realSend = Object.getPrototypeOf(client).send as (this: typeof client, command: unknown) => Promise<never>;
    const mock = mockClient(client);
    mock.send.callsFake(async (command: unknown) => {
      const reply = await realSend.call(client, command);
      if (command instanceof PutObjectCommand && command.input.Bucket === Resource.Files.name && command.input.Key === key) {
        verdicts.push(await as(systemActor("file-handler"), () => File.verify(key)));
      }
      return reply;
    });
    try {
      await runWorkers(contractId);
    } finally {
      mock.restore();
    }
    expect(verdicts).toHaveLength(1);
    const link = await call("GET", `/api/contracts/${contractId}/termination/letter`, { as: "viewer" });
    expect(link.body.file.status).toBe("AVAILABLE");
    expect((await fetch(link.body.download.url)).status).toBe(200);
  });

  it("confirms the end to the client on the effective date", async () => {
    const { contractId, client } = await newContract({ notice_period_days: 0 });
    await call("POST", `/api/contracts/${contractId}/termination`, { as: requester, body: { reason: "CONVENIENCE" } });
    await runWorkers(contractId);
    const subjects = (await mailTo(client.email)).map((mail) => mail.subject).sort();
    expect(subjects).toEqual([`Notice of termination: Cleaning services (${contractId})`, `Termination completed: Cleaning services (${contractId})`]);
  });

  it("answers 404 for the letter while the date is not fixed", async () => {
    const { contractId } = await newContract({ value: above() });
    await call("POST", `/api/contracts/${contractId}/termination`, { as: requester, body: { reason: "CONVENIENCE" } });
    const link = await call("GET", `/api/contracts/${contractId}/termination/letter`, { as: "viewer" });
    expect(link.status).toBe(404);
    expect(link.body.code).toBe("file.not_found");
  });
});

describe("withdrawing a termination", () => {
  it("tells a client who was given notice that it no longer stands", async () => {
    const { contractId, client } = await newContract({ notice_period_days: 30 });
    await call("POST", `/api/contracts/${contractId}/termination`, { as: requester, body: { reason: "CONVENIENCE" } });
    await call("POST", `/api/contracts/${contractId}/termination/withdraw`, { as: requester });
    await runWorkers(contractId);
    expect((await mailTo(client.email)).map((mail) => mail.subject).sort()).toEqual([
      `Notice of termination withdrawn: Cleaning services (${contractId})`,
      `Notice of termination: Cleaning services (${contractId})`,
    ]);
  });

  it("writes nothing to a client who was never given notice", async () => {
    const { contractId, client } = await newContract({ value: above() });
    await call("POST", `/api/contracts/${contractId}/termination`, { as: requester, body: { reason: "CONVENIENCE" } });
    await call("POST", `/api/contracts/${contractId}/termination/withdraw`, { as: requester });
    await runWorkers(contractId);
    expect(await mailTo(client.email)).toEqual([]);
  });
});

describe("the client a notice reaches", () => {
  it("is the client as it was when the date was fixed, even if its address changed before the notice went out", async () => {
    const { contractId, client } = await newContract({ notice_period_days: 10 });
    await call("POST", `/api/contracts/${contractId}/termination`, { as: requester, body: { reason: "CONVENIENCE" } });
    const moved = await call("PUT", `/api/clients/${client.client_id}`, { as: "editor", body: { email: `new-${client.email}` }, headers: { "if-match": '"1"' } });
    expect(moved.status).toBe(200);
    await runWorkers(contractId);
    expect((await mailTo(client.email)).map((mail) => mail.subject)).toEqual([`Notice of termination: Cleaning services (${contractId})`]);
    expect(await mailTo(`new-${client.email}`)).toEqual([]);
  });
});
