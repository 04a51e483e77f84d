/**
 * The document's examples come from a real run: this file walks every
 * operation once against the test stack and, with TESTEX_RECORD_EXAMPLES=1,
 * writes what it sent and got back to `examples.json` (then `npm run openapi`
 * puts them in the document). Without it, it checks that the committed
 * examples still cover every JSON reply the walk reaches.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { sha256, text } from "#test/samples";
import { uniqueEmail } from "#test/fixtures";
import { app } from "../src/api/app";
import { EXAMPLES, type Examples } from "../src/api/openapi/examples";
import { operationFor } from "../src/api/operations";
import { call, type Caller } from "#test/api";

const EXAMPLES_FILE = fileURLToPath(new URL("../src/api/openapi/examples.json", import.meta.url));
const RECORD = process.env.TESTEX_RECORD_EXAMPLES === "1";

/** A long body keeps its first items only: an example shows the shape, not the whole table. */
const trimmed = (body: unknown): unknown =>
  body && typeof body === "object" && Array.isArray((body as { items?: unknown }).items)
    ? { ...(body as object), items: (body as { items: unknown[] }).items.slice(0, 2) }
    : body;

describe("the document's examples", () => {
  it("are recorded from a walk through every operation, and cover every JSON reply it reaches", async () => {
    const seen: Examples = { requestId: "", requests: {}, replies: {}, problems: {} };
    const walk = async (method: string, path: string, as?: Caller, options: { body?: unknown; headers?: Record<string, string>; raw?: FormData } = {}) => {
      const reply = await call(method, path, { as, ...options });
      const key = `${method} ${operationFor(app, method, path)?.template ?? path}`;
      const type = reply.headers.get("content-type") ?? "";
      if (reply.status < 400 && type.startsWith("application/json") && !path.startsWith("/openapi")) seen.replies[key] ??= { status: reply.status, body: trimmed(reply.body) };
      if (reply.status >= 400) seen.problems[reply.body.code] ??= reply.body.detail;
      if (options.body !== undefined && reply.status < 400) seen.requests[key] ??= options.body;
      seen.requestId ||= reply.headers.get("x-request-id") ?? "";
      return reply;
    };

    const client = (await walk("POST", "/api/clients", "editor", { body: { name: "Acme Ltd", email: uniqueEmail("acme"), phone: "+1 555 0100", address: "1 Main St, Springfield" } })).body;
    await walk("GET", `/api/clients/${client.client_id}`, "viewer");
    await walk("PUT", `/api/clients/${client.client_id}`, "editor", { body: { address: "2 Main St, Springfield" }, headers: { "if-match": '"1"' } });
    await walk("GET", `/api/clients?limit=2`, "viewer");
    await walk("GET", `/api/clients/${client.client_id}/audit`, "viewer");
    const contractBody = { client_id: client.client_id, title: "Support and maintenance", contract_type: "SERVICE", start_date: "2026-01-01", end_date: "2027-12-31", value: 84500.5, currency: "EUR", notice_period_days: 30 };
    const contract = (await walk("POST", "/api/contracts", "editor", { body: contractBody })).body;
    const id = contract.contract_id;
    await walk("GET", `/api/contracts/${id}`, "viewer");
    await walk("PUT", `/api/contracts/${id}`, "editor", { body: { value: 86000, version: 1 } });
    await walk("GET", `/api/contracts?client_id=${client.client_id}&limit=2`, "viewer");
    await walk("POST", `/api/contracts/${id}/suspend`, "editor");
    await walk("POST", `/api/contracts/${id}/reinstate`, "editor");
    const form = new FormData();
    form.set("file", new Blob([text()], { type: "text/plain" }), "notice.txt");
    const stored = (await walk("POST", `/api/contracts/${id}/files`, "editor", { raw: form })).body;
    const document = Buffer.from("%PDF-1.7\n%example\n");
    await walk("POST", `/api/contracts/${id}/files`, "editor", { body: { filename: "agreement.pdf", content_type: "application/pdf", size: document.length, sha256: sha256(document), kind: "document" } });
    await walk("GET", `/api/contracts/${id}/files`, "viewer");
    await walk("GET", `/api/contracts/${id}/files/${stored.file_id}`, "viewer");
    await walk("POST", "/api/notifications", "admin", {
      body: { template: "status-update", to: ["legal@acme.example"], contract_id: id, props: { contract_id: id, contract_title: contract.title, status: "SUSPENDED", effective_date: "2026-12-01", changed_by: "user-editor" } },
    });
    const notices = await walk("GET", `/api/contracts/${id}/notifications`, "viewer");
    await walk("GET", `/api/notifications/${notices.body.items[0].notification_id}`, "viewer");
    const today = new Date().toISOString().slice(0, 10);
    await walk("POST", `/api/contracts/${id}/termination`, "editor", { body: { reason: "MUTUAL_AGREEMENT", effective_date: today, notes: "Both parties agreed on 1 March." } });
    await walk("GET", `/api/contracts/${id}/termination`, "viewer");
    await walk("POST", `/api/contracts/${id}/termination/withdraw`, "editor");
    await walk("POST", `/api/contracts/${id}/termination`, "editor", { body: { reason: "MUTUAL_AGREEMENT", effective_date: today } });
    await walk("POST", `/api/contracts/${id}/termination/reject`, "approver", { body: { comment: "The notice must go through legal first." } });
    await walk("POST", `/api/contracts/${id}/termination`, "editor", { body: { reason: "MUTUAL_AGREEMENT", effective_date: today } });
    await walk("POST", `/api/contracts/${id}/termination/approve`, "approver", { body: { comment: "Agreed with legal." } });
    await walk("GET", `/api/contracts/${id}/events`, "viewer");
    await walk("GET", `/api/contracts/${id}/audit?limit=2`, "viewer");
    await walk("GET", "/api/terminations?limit=2", "viewer");
    await walk("GET", "/api/admin/dead-events", "admin");
    await walk("GET", "/api/audit?actor=user-editor&limit=2", "viewer");
    const spare = (await walk("POST", "/api/contracts", "editor", { body: { ...contractBody, title: "Spare parts" } })).body;
    await walk("DELETE", `/api/contracts/${spare.contract_id}`, "admin", { headers: { "if-match": '"1"' } });
    // Refusals, for the problems' examples.
    await walk("GET", "/api/contracts/CT0000NOSUCH", "viewer");
    await walk("GET", "/api/contracts");
    await walk("PUT", `/api/contracts/${id}`, "editor", { body: { title: "Late" }, headers: { "if-match": '"1"' } });
    await walk("PUT", `/api/clients/${client.client_id}`, "editor", { body: { name: "No version" } });
    await walk("POST", "/api/contracts", "editor", { body: { ...contractBody, end_date: "2025-12-31" } });
    await walk("DELETE", `/api/clients/${client.client_id}`, "viewer");

    if (RECORD) writeFileSync(EXAMPLES_FILE, `${JSON.stringify(seen, null, 2)}\n`);
    expect(Object.keys(EXAMPLES.replies).sort()).toEqual(Object.keys(seen.replies).sort());
    expect(Object.keys(EXAMPLES.requests).sort()).toEqual(Object.keys(seen.requests).sort());
  }, 120_000);
});
