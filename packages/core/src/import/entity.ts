import { entity } from "../db/entity";

/**
 * One imported row's claim: the key of the row (its external reference, or
 * the file's digest and row number) and the contract it became. Written in
 * the same transaction as the contract, so a row is created once however
 * often, or however interrupted, its file is imported.
 */
export const ImportRefEntity = entity({
  model: { entity: "importRef", version: "1", service: "testex" },
  attributes: {
    key: { type: "string", required: true, readOnly: true },
    contract_id: { type: "string", required: true, readOnly: true },
    file: { type: "string", required: true, readOnly: true },
    row: { type: "number", required: true, readOnly: true },
    at: { type: "string", required: true, readOnly: true },
  },
  indexes: {
    byKey: {
      pk: { field: "pk", composite: ["key"], casing: "none" },
      sk: { field: "sk", composite: [] },
    },
  },
});
