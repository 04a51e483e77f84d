// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { approvalOutcome } from "../src/parts/decision";
import { refusal, size } from "../src/parts/documents";
import { addDays, today } from "../src/parts/format";
import { approvalsSummary } from "../src/parts/termination";
import { changes, noticeSentence, sentence } from "../src/parts/timeline";
import { listQuery } from "../src/screens/contracts";
import { neededAction } from "../src/screens/home";

const none = { q: "", status: "" as const, client_id: "", ending_after: "", ending_before: "", deadline_before: "" };
const ana = { by: "sub-ana", name: "Ana Ortiz", at: "2026-12-01T10:00:00Z", outcome: "APPROVED" as const };

describe("the contracts list", () => {
  it("shows running contracts by notice deadline, soonest first, when nothing is filtered", () => {
    expect(listQuery(none)).toMatchObject({ notice_deadline_before: expect.any(String) });
    expect(listQuery(none).status).toBeUndefined();
  });

  it("asks the deadline index for the deadline filter, with a running status at most", () => {
    expect(listQuery({ ...none, deadline_before: "2027-01-31", status: "SUSPENDED" })).toEqual({ limit: 20, notice_deadline_before: "2027-01-31", status: "SUSPENDED" });
  });

  it("asks the end-date indexes for a status the deadline index does not hold, or a client or end window", () => {
    expect(listQuery({ ...none, status: "EXPIRED" })).toEqual({ limit: 20, status: "EXPIRED" });
    expect(listQuery({ ...none, client_id: "CL0001", ending_after: "2027-01-01" }, "cursor-2")).toEqual({ limit: 20, cursor: "cursor-2", client_id: "CL0001", ending_after: "2027-01-01" });
  });
});

describe("the work list", () => {
  it("tells what a contract that expires needs: renew it, or let it expire", () => {
    expect(neededAction({ renewal: "NONE", end_date: "2027-03-31", notice_deadline: addDays(today(), 15) })).toBe("Renew it, or let it expire on 31 Mar 2027.");
  });

  it("says a missed deadline passed without a decision", () => {
    expect(neededAction({ renewal: "NONE", end_date: "2027-03-31", notice_deadline: addDays(today(), -1) })).toMatch(/^The deadline passed without a decision/);
    expect(neededAction({ renewal: "AUTO", end_date: "2027-03-31", notice_deadline: addDays(today(), 3) })).toBe("Terminate by the deadline, or let it renew after 31 Mar 2027.");
  });
});

describe("a decision", () => {
  it("counts approvals by name: 1 of 2, Ana Ortiz approved", () => {
    expect(approvalsSummary({ approvals_required: 2, decisions: [] })).toBe("0 of 2");
    expect(approvalsSummary({ approvals_required: 2, decisions: [ana] })).toBe("1 of 2, Ana Ortiz approved");
  });

  it("says what an approval will do: wait for another, or send the notice now", () => {
    const later = addDays(today(), 40);
    expect(approvalOutcome({ approvals_required: 2, decisions: [], effective_date: later })).toMatch(/1 more approval is needed before anything is sent/);
    expect(approvalOutcome({ approvals_required: 2, decisions: [ana], effective_date: later })).toMatch(/client is e-mailed the notice of termination with the letter now/);
    expect(approvalOutcome({ approvals_required: 1, decisions: [], effective_date: today() })).toMatch(/the contract ends today.*cannot be undone/);
  });
});

describe("documents", () => {
  it("gives sizes exactly below a kilobyte", () => {
    expect(size(16)).toBe("16 bytes");
    expect(size(1)).toBe("1 byte");
    expect(size(1536)).toBe("1.5 KB");
    expect(size(5 * 1024 * 1024)).toBe("5 MB");
  });

  it("says why an upload was refused in words, not codes", () => {
    expect(refusal("content_type_mismatch: declared application/pdf, content is not an accepted type")).toBe(
      "the file is not what its name says (declared application/pdf, the content is not an accepted type).",
    );
    expect(refusal("checksum_mismatch")).toBe("the file changed on the way; upload it again.");
  });
});

describe("the timeline", () => {
  const entry = (action: string, before?: unknown, after?: unknown) => ({ action, entity: "contract", entity_id: "CT1", actor: "sub-ed", actor_name: "Edward Lin", before, after });

  it("says a request with its reason, in the catalogue's words, and its date", () => {
    const requested = entry("termination.requested", { status: "ACTIVE" }, { status: "PENDING_TERMINATION", termination: { reason: "BREACH", effective_date: "2026-12-30" } });
    expect(sentence(requested, { reasons: new Map([["BREACH", "Breach of contract"]]) })).toBe("requested termination (breach of contract), effective 30 Dec 2026");
  });

  it("names documents, from the entry or the contract's files", () => {
    expect(sentence({ ...entry("file.available", {}, { filename: "budget.pdf" }), entity: "file" })).toBe("checked budget.pdf and accepted it");
    expect(sentence({ ...entry("file.archived", undefined, { archived_at: "x" }), entity: "file", entity_id: "FI1" }, { files: new Map([["FI1", "budget.pdf"]]) })).toBe(
      "archived budget.pdf with the ended contract",
    );
  });

  it("shows a renewal's before → after only for what both sides name, in the contract's words", () => {
    const renewed = changes("contract.renewed", { status: "ACTIVE", end_date: "2026-12-31", version: 3 }, { status: "ACTIVE", end_date: "2027-12-31", notice_deadline: "2027-12-01", version: 4 });
    expect(renewed).toEqual(["end date: 31 Dec 2026 → 31 Dec 2027"]);
    expect(changes("contract.updated", { value: 1000, currency: "EUR", renewal: "NONE" }, { value: 1500, currency: "EUR", renewal: "EVERGREEN" })).toEqual([
      "value: €1,000.00 → €1,500.00",
      "renewal: Expires at its end date → Runs until ended with notice",
    ]);
  });

  it("puts the notices to the client on it, with their delivery", () => {
    expect(noticeSentence({ notification_id: "n", template: "termination-notice", to: ["legal@acme.example"], status: "SENT", delivery_status: "DELIVERED", created_at: "" })).toBe(
      "Notice of termination e-mailed to legal@acme.example, delivered",
    );
  });
});
