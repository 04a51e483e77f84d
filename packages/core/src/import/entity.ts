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

/** A file granted for upload to `imports/<upload_id>` in the documents bucket, to be imported by a job (as often as asked: a dry run, then the real one). */
export const ImportUploadEntity = entity({
  model: { entity: "importUpload", version: "1", service: "testex" },
  attributes: {
    upload_id: { type: "string", required: true, readOnly: true },
    object_key: { type: "string", required: true, readOnly: true },
    filename: { type: "string", required: true, readOnly: true },
    kind: { type: ["csv", "xlsx"] as const, required: true, readOnly: true },
    size: { type: "number", required: true, readOnly: true },
    sha256: { type: "string", required: true, readOnly: true },
    created_by: { type: "string", required: true, readOnly: true },
    created_at: { type: "string", required: true, readOnly: true },
    /** The grant is forgotten with its object (the bucket's rule removes it as well). */
    expires_at: { type: "number", required: true, readOnly: true },
  },
  indexes: {
    byId: {
      pk: { field: "pk", composite: ["upload_id"], casing: "none" },
      sk: { field: "sk", composite: [] },
    },
  },
});

export const JOB_STATUSES = ["QUEUED", "RUNNING", "DONE", "FAILED"] as const;

/**
 * A background import of an uploaded file: its settings, how far it got (the
 * last row done: a continuation starts after it) and what the rows became.
 * `chunk` numbers the invocations: each continues only the chunk it was sent
 * for, so a repeated event does nothing twice.
 */
export const ImportJobEntity = entity({
  model: { entity: "importJob", version: "1", service: "testex" },
  attributes: {
    import_id: { type: "string", required: true, readOnly: true },
    upload_id: { type: "string", required: true, readOnly: true },
    object_key: { type: "string", required: true, readOnly: true },
    file: { type: "string", required: true, readOnly: true },
    kind: { type: ["csv", "xlsx"] as const, required: true, readOnly: true },
    digest: { type: "string", required: true, readOnly: true },
    mapping: { type: "any", required: true, readOnly: true },
    mapping_name: { type: "string", readOnly: true },
    dry_run: { type: "boolean", required: true, readOnly: true },
    create_clients: { type: "boolean", required: true, readOnly: true },
    status: { type: JOB_STATUSES, required: true },
    chunk: { type: "number", required: true },
    done_through: { type: "number", required: true },
    rows: { type: "number", required: true },
    create: { type: "number", required: true },
    update: { type: "number", required: true },
    unchanged: { type: "number", required: true },
    refused: { type: "number", required: true },
    ignored_columns: { type: "list", items: { type: "string" } },
    error: { type: "string" },
    created_by: { type: "string", required: true, readOnly: true },
    /** Who started it, as they were then: the rows are theirs (owner, audit), not the worker's. */
    actor: { type: "any", required: true, readOnly: true },
    created_at: { type: "string", required: true, readOnly: true },
    updated_at: { type: "string", required: true },
    finished_at: { type: "string" },
  },
  indexes: {
    byId: {
      pk: { field: "pk", composite: ["import_id"], casing: "none" },
      sk: { field: "sk", composite: [] },
    },
  },
});

/** A row a job refused, with each field's error; `position` is the row number zero-padded, so the rows list in order. */
export const ImportRefusalEntity = entity({
  model: { entity: "importRefusal", version: "1", service: "testex" },
  attributes: {
    import_id: { type: "string", required: true, readOnly: true },
    position: { type: "string", required: true, readOnly: true },
    row: { type: "number", required: true, readOnly: true },
    errors: { type: "any", required: true, readOnly: true },
  },
  indexes: {
    byJob: {
      pk: { field: "pk", composite: ["import_id"], casing: "none" },
      sk: { field: "sk", composite: ["position"], casing: "none" },
    },
  },
});

/** A column mapping (with its date and amount formats) kept under a name, for the API, the CLI and the console to reuse. */
export const ImportMappingEntity = entity({
  model: { entity: "importMapping", version: "1", service: "testex" },
  attributes: {
    name: { type: "string", required: true, readOnly: true },
    /** One partition holds every mapping: there are a handful, listed together by name. */
    scope: { type: "string", required: true, readOnly: true, default: "mappings" },
    mapping: { type: "any", required: true },
    updated_by: { type: "string", required: true },
    created_at: { type: "string", required: true, readOnly: true },
    updated_at: { type: "string", required: true },
  },
  indexes: {
    byName: {
      pk: { field: "pk", composite: ["name"], casing: "none" },
      sk: { field: "sk", composite: [] },
    },
    all: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: ["scope"] },
      sk: { field: "gsi1sk", composite: ["name"], casing: "none" },
    },
  },
});
