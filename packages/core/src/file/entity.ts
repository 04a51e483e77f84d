import type { EntityItem } from "electrodb";
import { entity } from "../db/entity";

/**
 * PENDING: an upload was granted, the object is not verified yet.
 * AVAILABLE: the object is in the files bucket and matched what was declared.
 * REJECTED: it did not match (or never came); the object was removed.
 * DELETED: moved to the archives bucket; admins can still download it.
 */
export const FILE_STATUSES = ["PENDING", "AVAILABLE", "REJECTED", "DELETED"] as const;

/** Documents that matter beyond the contract's life are also copied to the backups bucket when it ends. */
export const FILE_KINDS = ["document", "signed_contract", "termination_letter"] as const;
export const IMPORTANT_KINDS: readonly string[] = ["signed_contract", "termination_letter"];

export const FileEntity = entity({
  model: { entity: "file", version: "1", service: "testex" },
  attributes: {
    file_id: { type: "string", required: true, readOnly: true },
    contract_id: { type: "string", required: true, readOnly: true },
    /** Generated from the ids, never from the filename. */
    object_key: { type: "string", required: true, readOnly: true },
    /** For display and Content-Disposition only. */
    filename: { type: "string", required: true, readOnly: true },
    content_type: { type: "string", required: true, readOnly: true },
    size: { type: "number", required: true, readOnly: true },
    /** Hex SHA-256 the uploader declared; the stored object must match it. */
    sha256: { type: "string", required: true, readOnly: true },
    kind: { type: FILE_KINDS, required: true, readOnly: true },
    status: { type: FILE_STATUSES, required: true },
    rejection_reason: { type: "string" },
    uploaded_by: { type: "string", required: true, readOnly: true },
    created_at: { type: "string", required: true, readOnly: true },
    updated_at: { type: "string", required: true },
    deleted_at: { type: "string" },
    deleted_by: { type: "string" },
    /** Set once the contract ended and the object was copied to archives (and backups, if important). */
    archived_at: { type: "string" },
  },
  indexes: {
    // In the contract's own partition: a contract's files are one strongly consistent Query.
    byId: {
      pk: { field: "pk", composite: ["contract_id"] },
      sk: { field: "sk", composite: ["file_id"] },
    },
    byContract: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: ["contract_id"] },
      sk: { field: "gsi1sk", composite: ["created_at", "file_id"] },
    },
    byStatus: {
      index: "gsi2",
      pk: { field: "gsi2pk", composite: ["status"] },
      sk: { field: "gsi2sk", composite: ["created_at", "file_id"] },
    },
  },
});

export type StoredFile = EntityItem<typeof FileEntity>;

/** What callers see of a file: everything but where its object is stored. */
export const publicView = ({ object_key: _key, ...file }: StoredFile) => file;
