import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { withTerm } from "@testex/core/contract/index";
import { db } from "@testex/core/entities";
import { ensureTable } from "./provision";

const run = promisify(execFile);
const cli = fileURLToPath(new URL("./jobs-cli.ts", import.meta.url));

// Running every job for a date touches every contract of the table: this file gets a table of its own.
const table = `testex-jobs-${randomUUID().slice(0, 8)}`;
const jobs = (...args: string[]) =>
  // As `npm run jobs` runs it: Node with tsx's loader.
  run(process.execPath, ["--import", "tsx/esm", cli, ...args], { env: { ...process.env, SST_RESOURCE_Table: JSON.stringify({ name: table }), LOG_LEVEL: "ERROR" } }).then((r) => r.stdout);

const now = "2026-06-01T00:00:00.000Z";
const clientId = "CL00000000JOBS";
const contract = (id: string, end_date: string, term: { renewal: "NONE" | "AUTO"; renewal_term_months?: number }, more: Record<string, unknown> = {}) =>
  withTerm({
    contract_id: id,
    client_id: clientId,
    title: `Contract ${id}`,
    contract_type: "SERVICE",
    status: "ACTIVE",
    start_date: "2026-01-01",
    end_date,
    value: 1000,
    currency: "EUR",
    notice_period_days: 30,
    owner_id: "user-owner",
    owner_email: "owner@example.com",
    version: 1,
    created_at: now,
    updated_at: now,
    ...term,
    ...more,
  } as Parameters<typeof withTerm>[0]);

const read = async (id: string) => (await db.entities.contract.get({ contract_id: id }).go({ table, consistent: true })).data!;
const trail = async (id: string) => (await db.entities.audit.query.byTrail({ trail: id }).go({ table })).data.map((e) => e.action).sort();

beforeAll(async () => {
  await ensureTable(new DynamoDBClient({ endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB }), table);
  await db.entities.client.put({ client_id: clientId, name: "Jobs Ltd", email: "legal@jobs.example", status: "ACTIVE", contract_count: 4, version: 1, created_at: now, updated_at: now }).go({ table });
  await db.entities.contract.put(contract("CT000000EXPIRE", "2026-12-31", { renewal: "NONE" })).go({ table });
  await db.entities.contract.put(contract("CT00000RENEWS", "2026-12-31", { renewal: "AUTO", renewal_term_months: 12 })).go({ table });
  // Notice deadline 2027-01-30: 29 days after the date the jobs run for.
  await db.entities.contract.put(contract("CT0000REMINDS", "2027-03-01", { renewal: "AUTO", renewal_term_months: 12 })).go({ table });
  await db.entities.contract
    .put(contract("CT000000ENDING", "2027-06-30", { renewal: "NONE" }, { status: "PENDING_TERMINATION", termination_id: "TM000000ENDING", termination_reason: "CONVENIENCE" }))
    .go({ table });
  await db.entities.termination
    .put({
      termination_id: "TM000000ENDING",
      contract_id: "CT000000ENDING",
      status: "SCHEDULED",
      reason: "CONVENIENCE",
      effective_date: "2026-12-31",
      approval_required: false,
      previous_status: "ACTIVE",
      requested_by: "user-owner",
      requested_at: now,
      version: 1,
      updated_at: now,
    })
    .go({ table });
  // Waiting for an approver since well before the date the jobs run for.
  await db.entities.contract
    .put(contract("CT0000WAITING", "2030-06-30", { renewal: "NONE" }, { status: "PENDING_TERMINATION", termination_id: "TM0000WAITING", termination_reason: "CONVENIENCE", value: 90_000 }))
    .go({ table });
  await db.entities.termination
    .put({
      termination_id: "TM0000WAITING",
      contract_id: "CT0000WAITING",
      status: "PENDING_APPROVAL",
      reason: "CONVENIENCE",
      effective_date: "2027-03-31",
      approval_required: true,
      previous_status: "ACTIVE",
      requested_by: "user-owner",
      requested_at: "2026-12-20T09:00:00.000Z",
      version: 1,
      updated_at: now,
    })
    .go({ table });
}, 60_000);

describe("npm run jobs", () => {
  it("with --dry-run lists what each dated job would do on that date, and writes nothing", async () => {
    const out = await jobs("--as-of", "2027-01-01", "--dry-run");

    expect(out).toContain("dry run: nothing is written");
    expect(out).toMatch(/due terminations: 1\n.*TM000000ENDING/);
    expect(out).toMatch(/expiries and renewals: 2\n/);
    expect(out).toContain('"contract_id":"CT000000EXPIRE","action":"expire"');
    expect(out).toContain('"contract_id":"CT00000RENEWS","action":"renew","end_date":"2026-12-31","renewed_to":["2027-12-31"]');
    expect(out).toContain('"contract_id":"CT0000REMINDS","to":["owner@example.com"],"kind":"NOTICE_DEADLINE","due_date":"2027-01-30","days_left":29');
    expect(out).toMatch(/approval reminders: \d+\n.*"contract_id":"CT0000WAITING".*"waiting_days":12/);
    expect(out).toContain("stale outbox events: not simulated");
    expect((await read("CT000000EXPIRE")).status).toBe("ACTIVE");
    expect((await read("CT00000RENEWS")).end_date).toBe("2026-12-31");
  });

  it("with --as-of completes the due termination, expires one contract, renews another and reminds about a third, each audited", async () => {
    await jobs("--as-of", "2027-01-01");

    expect((await read("CT000000ENDING")).status).toBe("TERMINATED");
    expect((await read("CT000000EXPIRE")).status).toBe("EXPIRED");
    expect(await trail("CT000000EXPIRE")).toEqual(["contract.expired"]);
    expect(await read("CT00000RENEWS")).toMatchObject({ status: "ACTIVE", end_date: "2027-12-31", notice_deadline: "2027-12-01", version: 2 });
    expect(await trail("CT00000RENEWS")).toEqual(["contract.renewed"]);
    const { data: reminders } = await db.entities.notification.query.byContract({ contract_id: "CT0000REMINDS" }).go({ table });
    expect(reminders.map((n) => [n.template, n.to, (n.props as { kind: string }).kind])).toEqual([["end-date-reminder", ["owner@example.com"], "NOTICE_DEADLINE"]]);
    const events = await db.entities.outbox.query.byStatus({ status: "PENDING" }).go({ table });
    expect(events.data.map((e) => e.type).sort()).toEqual(["contract.expired", "contract.renewed", "termination.completed"]);
  });

  it("refuses a date that is not one", async () => {
    const failure = await jobs("--as-of", "2027-02-30").catch((error: { code: number; stderr: string }) => error);
    expect(typeof failure === "object" && "stderr" in failure && failure.stderr).toContain("--as-of needs a calendar date");
  });
});
