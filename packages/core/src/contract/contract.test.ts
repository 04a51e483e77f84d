import { describe, expect, it } from "vitest";
import { aClient, aContract, as, editor } from "#test/fixtures";
import * as Audit from "../audit";
import * as Client from "../client";
import { db } from "../entities";
import { DomainError, ValidationError } from "../error";
import * as Outbox from "../outbox";
import * as Contract from "./index";
import { Events } from "./events";

const page = { limit: 100 };

describe("contracts", () => {
  it("are found by id", async () => {
    const client = await aClient();
    const created = await aContract(client.client_id);
    expect(await Contract.get(created.contract_id)).toEqual(created);
  });

  it("start ACTIVE at version 1 with USD and a 30-day notice period unless told otherwise", async () => {
    const client = await aClient();
    const contract = await aContract(client.client_id);
    expect(contract).toMatchObject({ status: "ACTIVE", version: 1, currency: "USD", notice_period_days: 30 });
  });

  it("are listed by client, ordered by end date", async () => {
    const client = await aClient();
    const later = await aContract(client.client_id, { end_date: "2028-06-30" });
    const sooner = await aContract(client.client_id, { end_date: "2027-03-31" });
    const { items } = await Contract.list({ client_id: client.client_id });
    expect(items.map((c) => c.contract_id)).toEqual([sooner.contract_id, later.contract_id]);
  });

  it("are listed by status", async () => {
    const client = await aClient();
    const contract = await aContract(client.client_id, { end_date: "2091-01-01" });
    const { items } = await Contract.list({ status: "ACTIVE", ending_after: "2091-01-01", ending_before: "2091-01-01" });
    expect(items.map((c) => c.contract_id)).toContain(contract.contract_id);
    const suspended = await Contract.list({ status: "SUSPENDED", ending_after: "2091-01-01", ending_before: "2091-01-01" });
    expect(suspended.items.map((c) => c.contract_id)).not.toContain(contract.contract_id);
  });

  it("are listed by an inclusive end-date range", async () => {
    const client = await aClient();
    const [before, first, last, after] = await Promise.all(
      ["2090-12-31", "2091-03-01", "2091-03-31", "2091-04-01"].map((end_date) => aContract(client.client_id, { end_date })),
    );
    const { items } = await Contract.list({ ending_after: "2091-03-01", ending_before: "2091-03-31" });
    const ids = items.map((c) => c.contract_id);
    expect(ids).toEqual(expect.arrayContaining([first!.contract_id, last!.contract_id]));
    expect(ids).not.toContain(before!.contract_id);
    expect(ids).not.toContain(after!.contract_id);
  });

  it("combine client and end-date filters in one query", async () => {
    const client = await aClient();
    await aContract(client.client_id, { end_date: "2030-01-01" });
    const inRange = await aContract(client.client_id, { end_date: "2031-01-01" });
    const { items } = await Contract.list({ client_id: client.client_id, ending_after: "2030-06-01" });
    expect(items.map((c) => c.contract_id)).toEqual([inRange.contract_id]);
  });

  it("page through a list with an opaque cursor, each item exactly once", async () => {
    const client = await aClient();
    const created = await Promise.all(Array.from({ length: 5 }, (_, i) => aContract(client.client_id, { end_date: `2029-01-0${i + 1}` })));
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const result = await Contract.list({ client_id: client.client_id, limit: "2", cursor });
      expect(result.items.length).toBeLessThanOrEqual(2);
      seen.push(...result.items.map((c) => c.contract_id));
      cursor = result.next_cursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(created.map((c) => c.contract_id));
  });

  it("refuse a tampered cursor as invalid input", async () => {
    await expect(Contract.list({ cursor: Buffer.from('{"nope":1}').toString("base64url") })).rejects.toMatchObject({ code: "cursor.invalid" });
  });

  it("refuse a cursor issued by another list as invalid input", async () => {
    await aClient();
    await aClient();
    const { next_cursor } = await Client.list({ limit: 1 });
    expect(next_cursor).not.toBeNull();
    await expect(Contract.list({ status: "ACTIVE", cursor: next_cursor! })).rejects.toMatchObject({ code: "cursor.invalid" });
  });

  it("fill a page filtered by client and status while more match", async () => {
    const client = await aClient();
    const suspended = await aContract(client.client_id, { end_date: "2040-01-01" });
    await Promise.all(["2030-01-01", "2031-01-01", "2032-01-01"].map((end_date) => aContract(client.client_id, { end_date })));
    await db.entities.contract.patch({ contract_id: suspended.contract_id }).set({ status: "SUSPENDED" }).go();
    const { items } = await Contract.list({ client_id: client.client_id, status: "SUSPENDED", limit: "1" });
    expect(items.map((c) => c.contract_id)).toEqual([suspended.contract_id]);
  });

  it("cannot be created for a client that does not exist, and leave nothing behind", async () => {
    const error = await aContract("CL0000000000DEAD").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]?.path).toBe("client_id");
    const trail = await Audit.byActor(editor.id, { limit: 100 });
    expect(trail.items.some((e) => (e.after as { client_id?: string } | undefined)?.client_id === "CL0000000000DEAD")).toBe(false);
  });

  it("cannot be created for an inactive client", async () => {
    const client = await aClient(editor, { status: "INACTIVE" });
    await expect(aContract(client.client_id)).rejects.toMatchObject({ code: "client.inactive" });
  });

  it("refuse an end date before the start date", async () => {
    const client = await aClient();
    await expect(aContract(client.client_id, { start_date: "2027-01-01", end_date: "2026-01-01" })).rejects.toBeInstanceOf(ValidationError);
  });
});

describe("changing a contract", () => {
  it("bumps its version and records before and after in one audit entry", async () => {
    const client = await aClient();
    const contract = await aContract(client.client_id);
    const updated = await as(editor, () => Contract.update(contract.contract_id, { value: 12_500.5 }, 1));
    expect(updated).toMatchObject({ value: 12_500.5, version: 2 });
    const { items } = await Audit.trail(contract.contract_id, page);
    expect(items[0]).toMatchObject({ action: "contract.updated", actor: editor.id, before: { value: 10_000 }, after: { value: 12_500.5 } });
  });

  it("announces the contract as it now is and the fields that changed, in the update's transaction", async () => {
    const client = await aClient();
    const contract = await aContract(client.client_id);
    const updated = await as(editor, () => Contract.update(contract.contract_id, { value: 12_500, end_date: "2027-06-30" }, 1));
    const events = await Outbox.byContract(contract.contract_id);
    expect(events.map((e) => e.type)).toEqual(["contract.created", "contract.updated"]);
    const stored = await Outbox.load(events[1]!.event_id);
    expect(Events.Updated.read(stored!)).toEqual({
      schema_version: 1,
      contract: updated,
      changed: ["end_date", "notice_deadline", "value"],
      actor: { id: editor.id, email: editor.email },
    });
  });

  it("with a stale version changes nothing and writes no audit entry", async () => {
    const client = await aClient();
    const contract = await aContract(client.client_id);
    await as(editor, () => Contract.update(contract.contract_id, { title: "Renamed" }, 1));
    await expect(as(editor, () => Contract.update(contract.contract_id, { title: "Lost update" }, 1))).rejects.toMatchObject({
      code: "version.conflict",
      details: { current_version: 2 },
    });
    expect((await Contract.get(contract.contract_id)).title).toBe("Renamed");
    expect((await Audit.trail(contract.contract_id, page)).items).toHaveLength(2);
  });

  it("concurrently from 20 callers with the same version lets exactly one win", async () => {
    const client = await aClient();
    const contract = await aContract(client.client_id);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => as(editor, () => Contract.update(contract.contract_id, { title: `Writer ${i}` }, 1))),
    );
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost.every((r) => r.reason instanceof DomainError && r.reason.code === "version.conflict")).toBe(true);
    expect((await Contract.get(contract.contract_id)).version).toBe(2);
    expect((await Audit.trail(contract.contract_id, page)).items.filter((e) => e.action === "contract.updated")).toHaveLength(1);
    expect((await Outbox.byContract(contract.contract_id)).filter((e) => e.type === "contract.updated")).toHaveLength(1);
  });
});

describe("deleting a contract", () => {
  it("removes it from lists but keeps its audit trail", async () => {
    const client = await aClient();
    const contract = await aContract(client.client_id);
    await as(editor, () => Contract.remove(contract.contract_id, 1));
    await expect(Contract.get(contract.contract_id)).rejects.toMatchObject({ code: "contract.not_found" });
    expect((await Contract.list({ client_id: client.client_id })).items).toHaveLength(0);
    const { items } = await Audit.trail(contract.contract_id, page);
    expect(items.map((e) => e.action)).toEqual(["contract.deleted", "contract.created"]);
    expect(items[0]?.before).toMatchObject({ contract_id: contract.contract_id, title: contract.title });
  });

  it("keeps a copy of its last state from which it can be restored", async () => {
    const client = await aClient();
    const contract = await aContract(client.client_id);
    await as(editor, () => Contract.remove(contract.contract_id, 1));
    const { data } = await db.entities.deletedContract.query.byId({ contract_id: contract.contract_id }).go();
    expect(data).toHaveLength(1);
    expect(data[0]).toMatchObject({ contract: contract, deleted_by: editor.id });
  });

  it("is refused once the contract has a termination on record", async () => {
    const client = await aClient();
    const contract = await aContract(client.client_id);
    await db.entities.contract.patch({ contract_id: contract.contract_id }).set({ termination_id: "TM000000000001" }).go();
    await expect(as(editor, () => Contract.remove(contract.contract_id, 1))).rejects.toMatchObject({ code: "contract.has_termination" });
    await expect(Contract.get(contract.contract_id)).resolves.toMatchObject({ contract_id: contract.contract_id });
  });

  it("frees its client to be deleted", async () => {
    const client = await aClient();
    const contract = await aContract(client.client_id);
    await expect(as(editor, () => Client.remove(client.client_id, 1))).rejects.toMatchObject({ code: "client.has_contracts" });
    await as(editor, () => Contract.remove(contract.contract_id, 1));
    await as(editor, () => Client.remove(client.client_id, 1));
    await expect(Client.get(client.client_id)).rejects.toMatchObject({ code: "client.not_found" });
  });
});

describe("a contract's value", () => {
  it("is kept to the cent and refused with more decimals", async () => {
    const client = await aClient();
    await expect(aContract(client.client_id, { value: 1234.56 })).resolves.toMatchObject({ value: 1234.56 });
    await expect(aContract(client.client_id, { value: 1234.567 })).rejects.toBeInstanceOf(ValidationError);
  });
});
