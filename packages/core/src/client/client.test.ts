import { describe, expect, it } from "vitest";
import { aClient, aContract, as, editor, uniqueEmail } from "#test/fixtures";
import { db } from "../entities";
import * as Audit from "../audit";
import * as Client from "./index";

describe("clients", () => {
  it("are found by id", async () => {
    const client = await aClient();
    expect(await Client.get(client.client_id)).toEqual(client);
  });

  it("are found by e-mail, whatever its case", async () => {
    const email = uniqueEmail();
    const client = await aClient(editor, { email: email.toUpperCase() });
    expect(client.email).toBe(email);
    expect((await Client.byEmail(email.toUpperCase())).client_id).toBe(client.client_id);
  });

  it("cannot share an e-mail address", async () => {
    const email = uniqueEmail();
    await aClient(editor, { email });
    await expect(aClient(editor, { email })).rejects.toMatchObject({ code: "client.email_taken" });
  });

  it("are listed newest first", async () => {
    const first = await aClient();
    const second = await aClient();
    const { items } = await Client.list({ limit: 100 });
    const ids = items.map((c) => c.client_id);
    expect(ids.indexOf(second.client_id)).toBeLessThan(ids.indexOf(first.client_id));
  });

  it("release their old e-mail when it changes", async () => {
    const old = uniqueEmail();
    const client = await aClient(editor, { email: old });
    await as(editor, () => Client.update(client.client_id, { email: uniqueEmail() }, 1));
    await expect(Client.byEmail(old)).rejects.toMatchObject({ code: "client.not_found" });
    await expect(aClient(editor, { email: old })).resolves.toMatchObject({ email: old });
  });

  it("cannot take another client's e-mail, and the refused change leaves no trace", async () => {
    const taken = uniqueEmail();
    await aClient(editor, { email: taken });
    const client = await aClient();
    await expect(as(editor, () => Client.update(client.client_id, { email: taken }, 1))).rejects.toMatchObject({ code: "client.email_taken" });
    expect(await Client.get(client.client_id)).toEqual(client);
    expect((await Audit.trail(client.client_id, { limit: 10 })).items).toHaveLength(1);
  });
});

describe("a client's contract count", () => {
  it("loses no contract when the client is renamed while contracts are added", async () => {
    const client = await aClient();
    for (let version = 1; version <= 8; version++) {
      await Promise.all([as(editor, () => Client.update(client.client_id, { name: `Renamed ${version}` }, version)), aContract(client.client_id)]);
    }
    const { data } = await db.entities.client.get({ client_id: client.client_id }).go();
    expect(data?.contract_count).toBe(8);
  });
});

describe("the audit log", () => {
  it("lists what one actor did, newest first", async () => {
    const actor = { id: `auditor-${uniqueEmail()}`, roles: ["editor"] };
    const first = await aClient(actor);
    const second = await aClient(actor);
    const { items } = await Audit.byActor(actor.id, { limit: 10 });
    expect(items.map((e) => e.entity_id)).toEqual([second.client_id, first.client_id]);
    expect(items.every((e) => e.actor === actor.id && e.request_id.length > 0)).toBe(true);
  });
});
