import { GetItemCommand, UpdateItemCommand, type AttributeValue } from "@aws-sdk/client-dynamodb";
import { describe, expect, it } from "vitest";
import { aClient, aContract, as } from "#test/fixtures";
import * as Audit from "../audit";
import { systemActor } from "../context";
import * as Contract from "../contract";
import { ContractEntity } from "../contract/entity";
import { dynamo, tableName } from "../db/dynamo";
import { TerminationEntity } from "../termination/entity";
import { DomainError } from "../error";
import { newId } from "../id";
import { exampleNoteV2, NoteV1, NoteV2 } from "./example-note.fixture";
import { migrate, runMigration } from "./index";

const operator = systemActor("db-manager");

describe("the example-note-v2 migration", () => {
  it("rewrites every v1 note as v2, removes the v1 item, and audits the run", async () => {
    const ids = [newId("NT"), newId("NT")];
    await NoteV1.put({ note_id: ids[0]!, text: "Renewal call\nAsk about the notice period.\nThen send the letter.", created_at: "2026-01-01T00:00:00.000Z" }).go();
    await NoteV1.put({ note_id: ids[1]!, text: " \nOnly a body", created_at: "2026-01-02T00:00:00.000Z" }).go();

    const result = await as(operator, () => runMigration(exampleNoteV2));

    expect(result.migrated).toBeGreaterThanOrEqual(2);
    expect((await NoteV2.get({ note_id: ids[0]! }).go()).data).toEqual({
      note_id: ids[0],
      created_at: "2026-01-01T00:00:00.000Z",
      title: "Renewal call",
      body: "Ask about the notice period.\nThen send the letter.",
    });
    expect((await NoteV2.get({ note_id: ids[1]! }).go()).data).toMatchObject({ title: "(untitled)", body: "Only a body" });
    expect((await NoteV1.get({ note_id: ids[0]! }).go()).data).toBeNull();
    const trail = await Audit.trail("migrations", { limit: 1 });
    expect(trail.items[0]).toMatchObject({ action: "migration.applied", entity_id: "example-note-v2", actor: operator.id });
  });

  it("run again finds nothing left to migrate", async () => {
    await as(operator, () => runMigration(exampleNoteV2));
    expect(await as(operator, () => runMigration(exampleNoteV2))).toEqual({ migrated: 0 });
  });

  it("that does not exist is named as such", async () => {
    const error = await as(operator, () => migrate("no-such-migration")).catch((e) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe("migration.not_found");
  });
});

/** An item as an earlier version of the code left it: without the keys of an index added since (and what they derive from). */
type Key = { pk: string; sk: string };
async function withoutIndex(key: Key, attributes: string[]) {
  const Key = { pk: { S: key.pk }, sk: { S: key.sk } };
  await dynamo.send(new UpdateItemCommand({ TableName: tableName(), Key, UpdateExpression: `REMOVE ${attributes.join(", ")}` }));
  return async () => (await dynamo.send(new GetItemCommand({ TableName: tableName(), Key, ConsistentRead: true }))).Item;
}

describe("the calendar-keys migration", () => {
  it("gives a running contract and an open termination written before their calendar indexes the keys the feed queries, changing nothing else", async () => {
    const owner = { id: `user-owner-${newId("US")}`, roles: ["editor"] };
    const contract = await aContract((await aClient()).client_id, { end_date: "2029-03-31", notice_period_days: 60 }, owner);
    const termination = {
      termination_id: newId("TM"),
      contract_id: contract.contract_id,
      status: "PENDING_APPROVAL" as const,
      reason: "CONVENIENCE",
      effective_date: "2029-03-31",
      approval_required: true,
      previous_status: "ACTIVE" as const,
      requested_by: owner.id,
      requested_at: "2026-11-01T00:00:00.000Z",
      version: 1,
      updated_at: "2026-11-01T00:00:00.000Z",
    };
    await TerminationEntity.put(termination).go();
    const contractItem = await withoutIndex(ContractEntity.get({ contract_id: contract.contract_id }).params<{ Key: Key }>().Key, ["gsi5pk", "gsi5sk", "owner_key"]);
    const terminationItem = await withoutIndex(TerminationEntity.get({ termination_id: termination.termination_id }).params<{ Key: Key }>().Key, ["gsi4pk", "gsi4sk"]);
    const before = { contract: await contractItem(), termination: await terminationItem() };
    expect((await ContractEntity.query.byOwner({ owner_key: owner.id }).go()).data).toEqual([]);

    const result = await as(operator, () => migrate("calendar-keys"));

    expect(result.migrated).toBeGreaterThanOrEqual(2);
    expect((await ContractEntity.query.byOwner({ owner_key: owner.id }).go()).data.map((c) => c.contract_id)).toEqual([contract.contract_id]);
    expect((await TerminationEntity.query.byRequester({ requested_by: owner.id }).go()).data.map((t) => t.termination_id)).toEqual([termination.termination_id]);
    const { gsi5pk, gsi5sk, ...contractRest } = (await contractItem())!;
    expect([gsi5pk, gsi5sk]).toEqual([expect.anything(), expect.anything()]);
    expect(contractRest).toEqual({ ...before.contract, owner_key: { S: owner.id } });
    const { gsi4pk, gsi4sk, ...terminationRest } = (await terminationItem())!;
    expect([gsi4pk, gsi4sk]).toEqual([expect.anything(), expect.anything()]);
    expect(terminationRest).toEqual(before.termination);
  });

  it("leaves a contract from before the term model as it is, for the term backfill, and goes on", async () => {
    const contract = await aContract((await aClient()).client_id, {}, { id: `user-owner-${newId("US")}`, roles: ["editor"] });
    const key = ContractEntity.get({ contract_id: contract.contract_id }).params<{ Key: Key }>().Key;
    const item = await withoutIndex(key, ["notice_deadline", "renewal", "gsi4pk", "gsi4sk", "gsi5pk", "gsi5sk"]);
    const before = await item();
    await expect(as(operator, () => migrate("calendar-keys"))).resolves.toMatchObject({ migrated: expect.any(Number) });
    expect(await item()).toEqual(before);
  });

  it("never overwrites a contract written between its read and its re-key: the newer write stands, with its keys", async () => {
    const owner = { id: `user-owner-${newId("US")}`, roles: ["editor"] };
    const contract = await aContract((await aClient()).client_id, {}, owner);
    await withoutIndex(ContractEntity.get({ contract_id: contract.contract_id }).params<{ Key: Key }>().Key, ["gsi5pk", "gsi5sk", "owner_key"]);
    // The owner renames it just before the migration's put of the copy it read reaches the table.
    const name = "renameBeforeRekey";
    dynamo.middlewareStack.add(
      (next) => async (args) => {
        const input = args.input as { Item?: Record<string, AttributeValue>; ConditionExpression?: string };
        if (input.ConditionExpression?.includes("#guard") && input.Item?.contract_id?.S === contract.contract_id) {
          dynamo.middlewareStack.remove(name);
          await as(owner, () => Contract.update(contract.contract_id, { title: "Renamed meanwhile" }, contract.version));
        }
        return next(args);
      },
      { step: "initialize", name },
    );
    try {
      await as(operator, () => migrate("calendar-keys"));
    } finally {
      dynamo.middlewareStack.remove(name);
    }
    expect((await ContractEntity.get({ contract_id: contract.contract_id }).go({ consistent: true })).data).toMatchObject({ title: "Renamed meanwhile", version: contract.version + 1 });
    expect((await ContractEntity.query.byOwner({ owner_key: owner.id }).go()).data.map((c) => c.title)).toEqual(["Renamed meanwhile"]);
  });

  it("run again writes nothing", async () => {
    await as(operator, () => migrate("calendar-keys"));
    expect(await as(operator, () => migrate("calendar-keys"))).toEqual({ migrated: 0 });
  });
});
