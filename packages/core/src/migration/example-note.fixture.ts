import { entity } from "../db/entity";
import type { Migration } from "./index";

/**
 * The worked example of an entity migration (docs/operations.md): a note whose
 * v1 kept one `text`, and whose v2 splits it into `title` and `body`. The
 * entity exists for the example and its test only; it is not one of the table's entities (`entities.ts`).
 */
const attributes = {
  note_id: { type: "string", required: true, readOnly: true },
  created_at: { type: "string", required: true, readOnly: true },
} as const;
const indexes = {
  byId: { pk: { field: "pk", composite: ["note_id"] }, sk: { field: "sk", composite: [] } },
} as const;

export const NoteV1 = entity({
  model: { entity: "example_note", version: "1", service: "testex" },
  attributes: { ...attributes, text: { type: "string", required: true } },
  indexes,
});

export const NoteV2 = entity({
  model: { entity: "example_note", version: "2", service: "testex" },
  attributes: { ...attributes, title: { type: "string", required: true }, body: { type: "string" } },
  indexes,
});

export const exampleNoteV2: Migration = {
  name: "example-note-v2",
  description: "example_note v1 -> v2: the first line of `text` becomes `title`, the rest, if any, `body`.",
  from: NoteV1,
  to: NoteV2,
  upgrade: (old) => {
    const [title = "", ...rest] = String(old.text).split("\n");
    return { note_id: old.note_id, created_at: old.created_at, title: title.trim() || "(untitled)", body: rest.join("\n").trim() || undefined };
  },
};
