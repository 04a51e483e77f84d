import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { app } from "../../src/api/app";
import { call, tokenFor, type Caller } from "#test/api";
import { above, approver, newContract, processEventsOf, requester } from "./fixtures";

/** The text of a PDF as pdftotext reads it (layout kept), so two letters compare as a person reads them. */
function textOf(pdf: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), "testex-letter-"));
  try {
    writeFileSync(join(dir, "letter.pdf"), pdf);
    return execFileSync("pdftotext", ["-layout", join(dir, "letter.pdf"), "-"], { encoding: "utf8" });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function preview(contractId: string, caller: Caller) {
  const reply = await app.request(`/api/contracts/${contractId}/termination/letter/preview`, { headers: { authorization: `Bearer ${await tokenFor(caller)}` } });
  return { status: reply.status, type: reply.headers.get("content-type"), bytes: new Uint8Array(await reply.arrayBuffer()) };
}

const MESSAGE = "Thank you for working with us. Your data export will follow within 30 days.";

describe("the termination letter preview", () => {
  it("reads, to the approver before they approve, exactly as the letter their approval sends", async () => {
    const { contractId } = await newContract({ value: above(), notice_period_days: 30 });
    const asked = await call("POST", `/api/contracts/${contractId}/termination`, { as: requester, body: { reason: "CONVENIENCE", client_message: MESSAGE } });
    expect(asked.body.status).toBe("PENDING_APPROVAL");

    const before = await preview(contractId, approver);
    expect(before.status).toBe(200);
    expect(before.type).toBe("application/pdf");

    expect((await call("POST", `/api/contracts/${contractId}/termination/approve`, { as: approver })).body.status).toBe("SCHEDULED");
    expect(await processEventsOf(contractId)).toEqual({ batchItemFailures: [] });
    const link = await call("GET", `/api/contracts/${contractId}/termination/letter`, { as: "viewer" });
    const sent = new Uint8Array(await (await fetch(link.body.download.url)).arrayBuffer());

    const text = textOf(before.bytes);
    expect(text).toContain(MESSAGE.slice(0, 30));
    expect(text).toBe(textOf(sent));
  });

  it("is refused once the termination is over: its letter was sent or never will be", async () => {
    const { contractId } = await newContract({ value: above() });
    await call("POST", `/api/contracts/${contractId}/termination`, { as: requester, body: { reason: "CONVENIENCE" } });
    await call("POST", `/api/contracts/${contractId}/termination/withdraw`, { as: requester });
    const refused = await call("GET", `/api/contracts/${contractId}/termination/letter/preview`, { as: "viewer" });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe("termination.invalid_transition");
  });
});
