import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import { marshall } from "@aws-sdk/util-dynamodb";
import { describe, expect, it } from "vitest";
import { Outbox, systemActor, Term } from "@testex/core";
import { dynamo } from "@testex/core/db/dynamo";
import { backfillTerms } from "@testex/core/contract/backfill";
import { db } from "@testex/core/entities";
import { as, uniqueEmail } from "#test/fixtures";
import { call, type Caller } from "#test/api";
import { processEventsOf } from "./termination/fixtures";

const owner: Caller = { id: "user-owner", email: "contract-owner@example.com", roles: ["editor"] };

async function newClient() {
  const email = uniqueEmail("term");
  const client = (await call("POST", "/api/clients", { as: "editor", body: { name: "Globex", email } })).body;
  return { clientId: client.client_id as string, email };
}

const create = async (clientId: string, terms: Record<string, unknown>) =>
  call("POST", "/api/contracts", {
    as: owner,
    body: { client_id: clientId, title: "Hosting", contract_type: "SERVICE", start_date: "2026-01-01", value: 1000, notice_period_days: 30, ...terms },
  });

describe("a contract's term", () => {
  it("defaults to NONE, with a notice deadline the notice period before its end date", async () => {
    const { clientId } = await newClient();
    const reply = await create(clientId, { end_date: "2027-03-30" });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ renewal: "NONE", end_date: "2027-03-30", notice_deadline: "2027-02-28", owner_id: "user-owner", owner_email: "contract-owner@example.com" });
  });

  it("of an AUTO contract needs renewal_term_months, said as a field error", async () => {
    const { clientId } = await newClient();
    const reply = await create(clientId, { end_date: "2027-03-30", renewal: "AUTO" });
    expect(reply.status).toBe(422);
    expect(reply.body.errors).toEqual([{ path: "renewal_term_months", message: "renewal_term_months: an AUTO contract needs a renewal term" }]);
  });

  it("of an EVERGREEN contract has no end date and no notice deadline, and refuses one", async () => {
    const { clientId } = await newClient();
    const evergreen = await create(clientId, { renewal: "EVERGREEN" });
    expect(evergreen.status).toBe(201);
    expect(evergreen.body.end_date).toBeUndefined();
    expect(evergreen.body.notice_deadline).toBeUndefined();
    const dated = await create(clientId, { renewal: "EVERGREEN", end_date: "2027-03-30" });
    expect(dated.status).toBe(422);
    expect(dated.body.errors).toEqual([{ path: "end_date", message: "end_date: an EVERGREEN contract has no end date" }]);
    const undated = await create(clientId, {});
    expect(undated.body.errors).toEqual([{ path: "end_date", message: "end_date: a NONE contract needs an end date" }]);
  });

  it("moves its notice deadline when its end date or notice period changes", async () => {
    const { clientId } = await newClient();
    const created = (await create(clientId, { end_date: "2027-03-30" })).body;
    const updated = await call("PUT", `/api/contracts/${created.contract_id}`, { as: owner, headers: { "if-match": '"1"' }, body: { end_date: "2028-03-30", notice_period_days: 60 } });
    expect(updated.body).toMatchObject({ end_date: "2028-03-30", notice_deadline: "2028-01-30" });
  });
});

/** Rewrites a contract as such items were stored before the term model: no renewal, no derived deadline, no owner, outside the deadline index. */
async function asBeforeTheTermModel(contractId: string) {
  const { TableName } = db.entities.contract.get({ contract_id: contractId }).params() as { TableName: string };
  const stored = (await db.entities.contract.get({ contract_id: contractId }).go()).data!;
  const { renewal: _r, notice_deadline: _d, owner_id: _o, owner_email: _e, ...old } = stored;
  // ElectroDB insists on the index's key, so the item is built with one and stored without.
  const raw = db.entities.contract.put({ ...old, notice_deadline: "x" } as never).params() as { Item: Record<string, unknown> };
  const { renewal: _r2, notice_deadline: _d2, owner_id: _o2, owner_email: _e2, gsi4pk: _p, gsi4sk: _s, ...item } = raw.Item;
  await dynamo.send(new PutItemCommand({ TableName, Item: marshall(item) }));
}

async function idsByNoticeDeadline(before: string, clientId: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { status: number; body: { items: { client_id: string; contract_id: string }[]; next_cursor: string | null } } = await call(
      "GET",
      `/api/contracts?notice_deadline_before=${before}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      { as: "viewer" },
    );
    expect(page.status).toBe(200);
    ids.push(...page.body.items.filter((c) => c.client_id === clientId).map((c) => c.contract_id));
    cursor = page.body.next_cursor;
  } while (cursor);
  return ids;
}

describe("a contract written before the term model", () => {
  it("reads as NONE with its notice deadline, and can still be changed and terminated", async () => {
    const { clientId } = await newClient();
    const created = (await create(clientId, { end_date: "2027-03-30" })).body;
    await asBeforeTheTermModel(created.contract_id);

    const read = await call("GET", `/api/contracts/${created.contract_id}`, { as: "viewer" });
    expect(read.body).toMatchObject({ renewal: "NONE", end_date: "2027-03-30", notice_deadline: "2027-02-28" });
    expect(read.body.owner_id).toBeUndefined();
    const updated = await call("PUT", `/api/contracts/${created.contract_id}`, { as: owner, headers: { "if-match": '"1"' }, body: { title: "Hosting (renamed)" } });
    expect(updated.status).toBe(200);
    const ended = await call("POST", `/api/contracts/${created.contract_id}/termination`, { as: owner, body: { reason: "CONVENIENCE", effective_date: "2027-03-30" } });
    expect(ended.status).toBe(201);
  });

  it("joins the notice-deadline list once the backfill has given it its term, audited, and only once", async () => {
    const { clientId } = await newClient();
    const created = (await create(clientId, { end_date: "2093-03-30" })).body;
    await asBeforeTheTermModel(created.contract_id);
    expect(await idsByNoticeDeadline("2093-02-28", clientId)).toEqual([]);

    await as(systemActor("db-manager"), () => backfillTerms());
    await as(systemActor("db-manager"), () => backfillTerms());

    expect(await idsByNoticeDeadline("2093-02-28", clientId)).toEqual([created.contract_id]);
    const trail = (await call("GET", `/api/contracts/${created.contract_id}/audit`, { as: "viewer" })).body.items;
    expect(trail.map((e: { action: string }) => e.action)).toEqual(["contract.term_filled", "contract.created"]);
    expect((await call("GET", `/api/contracts/${created.contract_id}`, { as: "viewer" })).body.version).toBe(1);
  });
});

describe("listing by notice deadline", () => {
  it("finds running contracts whose deadline is on or before a date, soonest first, and not the ones being terminated", async () => {
    const { clientId } = await newClient();
    const later = (await create(clientId, { end_date: "2094-06-30", renewal: "AUTO", renewal_term_months: 12 })).body;
    const sooner = (await create(clientId, { end_date: "2094-04-30" })).body;
    const ending = (await create(clientId, { end_date: "2094-05-31", value: 1 })).body;
    await call("POST", `/api/contracts/${ending.contract_id}/termination`, { as: owner, body: { reason: "CONVENIENCE", effective_date: "2094-05-31" } });
    await create(clientId, { renewal: "EVERGREEN" });

    expect(await idsByNoticeDeadline("2094-05-31", clientId)).toEqual([sooner.contract_id, later.contract_id]);
  });

  it("refuses filters it cannot combine with, naming them", async () => {
    const reply = await call("GET", "/api/contracts?notice_deadline_before=2094-05-31&client_id=CL0000000000AA&status=TERMINATED", { as: "viewer" });
    expect(reply.status).toBe(422);
    expect(reply.body.errors.map((e: { path: string }) => e.path)).toEqual(["client_id", "status"]);
  });
});

describe("renewing by hand", () => {
  it("moves the end date one term forward, is audited, and tells the client and the owner", async () => {
    const { clientId, email } = await newClient();
    const created = (await create(clientId, { end_date: "2028-02-29", renewal: "AUTO", renewal_term_months: 12 })).body;

    const renewed = await call("POST", `/api/contracts/${created.contract_id}/renew`, { as: owner });
    expect(renewed.status).toBe(200);
    expect(renewed.body).toMatchObject({ end_date: "2029-02-28", notice_deadline: "2029-01-29", status: "ACTIVE", version: 2 });
    expect(renewed.headers.get("etag")).toBe('"2"');
    const trail = await call("GET", `/api/contracts/${created.contract_id}/audit`, { as: "viewer" });
    expect(trail.body.items[0]).toMatchObject({ action: "contract.renewed", actor: "user-owner", before: { end_date: "2028-02-29" }, after: { end_date: "2029-02-28" } });

    expect((await processEventsOf(created.contract_id)).batchItemFailures).toEqual([]);
    const notices = (await call("GET", `/api/contracts/${created.contract_id}/notifications`, { as: "viewer" })).body.items;
    expect(notices.map((n: { template: string; to: string[]; props: { audience: string } }) => [n.template, n.to, n.props.audience]).sort()).toEqual([
      ["contract-renewed", ["contract-owner@example.com"], "OWNER"],
      ["contract-renewed", [email], "CLIENT"],
    ]);
  });

  it("takes a term given for a contract that has none of its own, and asks for one otherwise", async () => {
    const { clientId } = await newClient();
    const created = (await create(clientId, { end_date: "2027-01-31" })).body;
    const without = await call("POST", `/api/contracts/${created.contract_id}/renew`, { as: owner, body: {} });
    expect(without.status).toBe(422);
    expect(without.body.errors[0].path).toBe("term_months");
    const renewed = await call("POST", `/api/contracts/${created.contract_id}/renew`, { as: owner, body: { term_months: 1 } });
    expect(renewed.body.end_date).toBe("2027-02-28");
  });

  it("is refused for an evergreen contract, and for one being terminated", async () => {
    const { clientId } = await newClient();
    const evergreen = (await create(clientId, { renewal: "EVERGREEN" })).body;
    const reply = await call("POST", `/api/contracts/${evergreen.contract_id}/renew`, { as: owner, body: { term_months: 12 } });
    expect(reply.status).toBe(409);
    expect(reply.body.code).toBe("contract.not_renewable");
    const ending = (await create(clientId, { end_date: "2027-01-31", value: 1 })).body;
    await call("POST", `/api/contracts/${ending.contract_id}/termination`, { as: owner, body: { reason: "CONVENIENCE", effective_date: "2027-01-31" } });
    expect((await call("POST", `/api/contracts/${ending.contract_id}/renew`, { as: owner, body: { term_months: 12 } })).body.code).toBe("contract.not_renewable");
  });
});

describe("the scheduler's term job, for one contract", () => {
  // Dates in the 2090s: the scheduler other tests run (for today) never reaches them; the whole job runs in the jobs CLI's test, on a table of its own.
  const settle = (contractId: string, day: string) => as(systemActor("scheduler"), () => Term.settle(contractId, day));

  it("expires a contract that does not renew and tells the client and the owner; renewing it brings it back", async () => {
    const { clientId, email } = await newClient();
    const created = (await create(clientId, { start_date: "2095-04-01", end_date: "2096-03-31" })).body;

    await settle(created.contract_id, "2096-03-31");
    expect((await call("GET", `/api/contracts/${created.contract_id}`, { as: "viewer" })).body.status).toBe("ACTIVE");
    await settle(created.contract_id, "2096-04-01");
    expect((await call("GET", `/api/contracts/${created.contract_id}`, { as: "viewer" })).body.status).toBe("EXPIRED");
    expect((await call("GET", `/api/contracts/${created.contract_id}/audit`, { as: "viewer" })).body.items[0]).toMatchObject({ action: "contract.expired", actor: "system:scheduler" });
    expect((await call("POST", `/api/contracts/${created.contract_id}/termination`, { as: owner, body: { reason: "CONVENIENCE" } })).body.code).toBe("termination.invalid_transition");
    expect((await call("PUT", `/api/contracts/${created.contract_id}`, { as: owner, headers: { "if-match": '"2"' }, body: { title: "x" } })).body.code).toBe("contract.read_only");

    await processEventsOf(created.contract_id);
    const [, event] = await Outbox.byContract(created.contract_id);
    expect(event).toMatchObject({ type: "contract.expired", status: "DONE" });
    const notices = (await call("GET", `/api/contracts/${created.contract_id}/notifications`, { as: "viewer" })).body.items;
    expect(notices.map((n: { template: string; to: string[] }) => [n.template, n.to[0]]).sort()).toEqual([
      ["contract-expired", "contract-owner@example.com"],
      ["contract-expired", email],
    ]);

    const back = await call("POST", `/api/contracts/${created.contract_id}/renew`, { as: owner, body: { term_months: 12 } });
    expect(back.body).toMatchObject({ status: "ACTIVE", end_date: "2097-03-31" });
  });

  it("renews an AUTO contract once per term it owes, each renewal audited, and only once", async () => {
    const { clientId } = await newClient();
    const created = (await create(clientId, { start_date: "2094-01-01", end_date: "2094-12-31", renewal: "AUTO", renewal_term_months: 6 })).body;

    await settle(created.contract_id, "2095-08-15");
    await settle(created.contract_id, "2095-08-15");

    const renewed = (await call("GET", `/api/contracts/${created.contract_id}`, { as: "viewer" })).body;
    expect(renewed).toMatchObject({ status: "ACTIVE", end_date: "2095-12-31", notice_deadline: "2095-12-01", version: 3 });
    const trail = (await call("GET", `/api/contracts/${created.contract_id}/audit`, { as: "viewer" })).body.items;
    expect(trail.map((e: { action: string; after: { end_date?: string } }) => [e.action, e.after.end_date])).toEqual([
      ["contract.renewed", "2095-12-31"],
      ["contract.renewed", "2095-06-30"],
      ["contract.created", "2094-12-31"],
    ]);
  });

  it("settles a contract once when two runs race for it (the seed and the scheduler), and neither fails", async () => {
    const { clientId } = await newClient();
    const created = (await create(clientId, { start_date: "2094-01-01", end_date: "2094-12-31", renewal: "AUTO", renewal_term_months: 6 })).body;

    await Promise.all([settle(created.contract_id, "2095-08-15"), settle(created.contract_id, "2095-08-15"), settle(created.contract_id, "2095-08-15")]);

    expect((await call("GET", `/api/contracts/${created.contract_id}`, { as: "viewer" })).body).toMatchObject({ end_date: "2095-12-31", version: 3 });
  });

  it("leaves a contract alone while its termination is pending", async () => {
    const { clientId } = await newClient();
    const created = (await create(clientId, { start_date: "2094-01-01", end_date: "2095-01-31", renewal: "AUTO", renewal_term_months: 12, value: 1, notice_period_days: 0 })).body;
    await call("POST", `/api/contracts/${created.contract_id}/termination`, { as: owner, body: { reason: "CONVENIENCE", effective_date: "2099-01-01" } });
    await settle(created.contract_id, "2095-03-01");
    expect((await call("GET", `/api/contracts/${created.contract_id}`, { as: "viewer" })).body).toMatchObject({ status: "PENDING_TERMINATION", end_date: "2095-01-31" });
  });
});
