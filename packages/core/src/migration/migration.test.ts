import { describe, expect, it } from "vitest";
import { as } from "#test/fixtures";
import * as Audit from "../audit";
import { systemActor } from "../context";
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
