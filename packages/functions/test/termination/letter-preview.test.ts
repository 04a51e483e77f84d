import { describe, expect, it } from "vitest";
import { call } from "#test/api";
import { above, approver, letterPreview as preview, newContract, pdfText as textOf, processEventsOf, requester } from "./fixtures";

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
