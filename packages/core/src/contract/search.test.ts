import { describe, expect, it } from "vitest";
import { aClient, aContract, as, editor } from "#test/fixtures";
import * as Client from "../client";
import { countCommands } from "../db/command-count";
import { ValidationError } from "../error";
import { SEARCHABLE_WORDS, words } from "../search";
import * as Contract from "./index";

/** A word no other test writes, so matches come from this test only. */
const unique = (stem: string) => `${stem}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
const found = async (q: string) => (await Contract.search({ q })).items.map((match) => match.contract_id);

describe("contract search", () => {
  it("finds a contract by the start of a word of its title, whatever the case", async () => {
    const word = unique("Orbit");
    const client = await aClient();
    const contract = await aContract(client.client_id, { title: `Annual ${word} support` });
    expect(await found(word.slice(0, -2).toUpperCase())).toEqual([contract.contract_id]);
  });

  it("finds every contract of a client by the client's name, with that name in each match", async () => {
    const word = unique("Nimbus");
    const client = await aClient(editor, { name: `${word} Holdings` });
    const first = await aContract(client.client_id, { end_date: "2027-01-31" });
    const second = await aContract(client.client_id, { end_date: "2026-12-31" });
    const { items } = await Contract.search({ q: word });
    expect(items.map((match) => match.contract_id)).toEqual([second.contract_id, first.contract_id]);
    expect(items[0]?.client_name).toBe(`${word} Holdings`);
  });

  it("needs every word of the query, in the title or the client's name", async () => {
    const word = unique("Quartz");
    const client = await aClient(editor, { name: `${word} GmbH` });
    const lease = await aContract(client.client_id, { title: "Office lease" });
    await aContract(client.client_id, { title: "Cleaning" });
    expect(await found(`lea ${word}`)).toEqual([lease.contract_id]);
  });

  it("ignores accents", async () => {
    const word = unique("zurich");
    const client = await aClient();
    const contract = await aContract(client.client_id, { title: `Zürich ${word.replace("u", "ü")}` });
    expect(await found(word)).toEqual([contract.contract_id]);
  });

  it("follows a renamed title and a renamed client, and forgets a deleted contract", async () => {
    const [before, after, client_word] = [unique("Alpha"), unique("Beta"), unique("Gamma")];
    const client = await aClient(editor, { name: `${client_word} Ltd` });
    const contract = await aContract(client.client_id, { title: before });
    await as(editor, () => Contract.update(contract.contract_id, { title: after }, 1));
    expect(await found(before)).toEqual([]);
    expect(await found(after)).toEqual([contract.contract_id]);

    const renamed = unique("Delta");
    await as(editor, () => Client.update(client.client_id, { name: renamed }, 1));
    expect(await found(client_word)).toEqual([]);
    expect(await found(renamed)).toEqual([contract.contract_id]);

    await as({ ...editor, roles: ["admin"] }, () => Contract.remove(contract.contract_id, 2));
    expect(await found(after)).toEqual([]);
  });

  it("says when more contracts matched than it returns", async () => {
    const word = unique("Omega");
    const client = await aClient(editor, { name: word });
    for (let i = 0; i < 3; i++) await aContract(client.client_id);
    const reply = await Contract.search({ q: word, limit: "2" });
    expect(reply.items).toHaveLength(2);
    expect(reply.truncated).toBe(true);
  });

  it("is served by queries and batch reads, never a scan", async () => {
    const word = unique("Sigma");
    const client = await aClient(editor, { name: word });
    await aContract(client.client_id, { title: `${word} maintenance` });
    const count = countCommands();
    try {
      await Contract.search({ q: word });
      expect(Object.keys(count.counts).sort()).toEqual(["BatchGetItem", "Query"]);
    } finally {
      count.stop();
    }
  });

  it("refuses a query without a letter or digit", async () => {
    await expect(Contract.search({ q: " -- " })).rejects.toBeInstanceOf(ValidationError);
  });
});

/** The `i`th of many distinct two-character words ("a0" … "az", "b0" …), so that 60 of them fit a 200-character title. */
const shortWord = (i: number) => `${String.fromCharCode(97 + Math.floor(i / 36))}${(i % 36).toString(36)}`;
/** A title of `count` distinct words: a unique lead, then short words from the `from`th on. */
const titleOf = (lead: string, count: number, from = 0) => [lead, ...Array.from({ length: count - 1 }, (_, i) => shortWord(from + i))].join(" ");

describe("search on long titles and names", () => {
  it("keeps 40 distinct words per text: a rename that replaces all of them stays within DynamoDB's 100 items per transaction", () => {
    expect(SEARCHABLE_WORDS).toBe(40);
    expect(words(titleOf("lead", 60))).toHaveLength(40);
    expect(2 * SEARCHABLE_WORDS + 20).toBeLessThanOrEqual(100);
  });

  it("finds a contract by any word of a 24-word title, and follows a rename to 24 other words", async () => {
    const [lead, renamed] = [unique("Lead"), unique("Renamed")];
    const client = await aClient();
    const contract = await aContract(client.client_id, { title: titleOf(lead, 24) });
    expect(await found(`${lead} ${shortWord(22)}`)).toEqual([contract.contract_id]);

    await as(editor, () => Contract.update(contract.contract_id, { title: titleOf(renamed, 24, 24) }, 1));
    expect(await found(lead)).toEqual([]);
    expect(await found(`${renamed} ${shortWord(24 + 22)}`)).toEqual([contract.contract_id]);
  });

  it("takes a title of exactly as many words as search keeps, and a rename that replaces every one of them", async () => {
    const [lead, renamed] = [unique("Lead"), unique("Renamed")];
    const client = await aClient();
    const contract = await aContract(client.client_id, { title: titleOf(lead, SEARCHABLE_WORDS) });
    expect(await found(`${lead} ${shortWord(SEARCHABLE_WORDS - 2)}`)).toEqual([contract.contract_id]);

    await as(editor, () => Contract.update(contract.contract_id, { title: titleOf(renamed, SEARCHABLE_WORDS, SEARCHABLE_WORDS) }, 1));
    expect(await found(lead)).toEqual([]);
    expect(await found(`${renamed} ${shortWord(2 * SEARCHABLE_WORDS - 2)}`)).toEqual([contract.contract_id]);
  });

  it("stores a title of more words whole, and finds it by its first 40 words only", async () => {
    const [lead, renamed] = [unique("Lead"), unique("Renamed")];
    const client = await aClient();
    const title = titleOf(lead, 60);
    const contract = await aContract(client.client_id, { title });
    expect(contract.title).toBe(title);
    expect(await found(`${lead} ${shortWord(SEARCHABLE_WORDS - 2)}`)).toEqual([contract.contract_id]);
    expect(await found(`${lead} ${shortWord(SEARCHABLE_WORDS - 1)}`)).toEqual([]);

    const updated = await as(editor, () => Contract.update(contract.contract_id, { title: titleOf(renamed, 60, 60) }, 1));
    expect(updated.title).toBe(titleOf(renamed, 60, 60));
    expect(await found(renamed)).toEqual([contract.contract_id]);
  });

  it("finds the contracts of a client named with ten words, by any of them", async () => {
    const word = unique("Scotland");
    const client = await aClient(editor, { name: `The Royal Bank of ${word} Group Public Limited Company plc` });
    const contract = await aContract(client.client_id);
    expect(await found(`${word} limited compan`)).toEqual([contract.contract_id]);
  });
});
