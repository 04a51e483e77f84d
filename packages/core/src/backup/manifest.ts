import { createHash } from "node:crypto";
import * as v from "valibot";

/**
 * An export is a folder of the backups bucket:
 *   exports/{date}/{export_id}/part-{segment}-{seq}.jsonl.gz   gzip JSON Lines, one `{"Item": …}` per line
 *   exports/{date}/{export_id}/checkpoint.json                 while it runs (resume point per scan segment)
 *   exports/{date}/{export_id}/manifest.json                   written last: an export without one is incomplete
 * Lines use DynamoDB's own export format (DYNAMODB_JSON), so a part can also
 * be loaded by DynamoDB's "import from S3" into a new table.
 */
export const FORMAT = "testex.table-export.v1";
export const EXPORTS_PREFIX = "exports/";

export const Part = v.object({
  key: v.string(),
  items: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** Size of the stored (compressed) object. */
  bytes: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** Hex SHA-256 of the stored (compressed) object. */
  sha256: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
  /** Order-independent digest of this part's items (see `ItemDigest`). */
  items_sha256: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
  /** Items per `entity@model version` (`__edb_e__@__edb_v__`) in this part. */
  entity_versions: v.record(v.string(), v.number()),
});
export type Part = v.InferOutput<typeof Part>;

export const Manifest = v.object({
  format: v.literal(FORMAT),
  export_id: v.string(),
  table: v.string(),
  started_at: v.string(),
  completed_at: v.string(),
  item_count: v.number(),
  /** Items per entity name; items that are not ElectroDB's are counted under `(none)`. */
  entities: v.record(v.string(), v.number()),
  /** Items per `entity@model version`, what a migration needs to know. */
  entity_versions: v.record(v.string(), v.number()),
  /** Order-independent digest of every item (see `ItemDigest`): equal for two exports of equal data. */
  items_sha256: v.string(),
  parts: v.array(Part),
  /** SHA-256 over `"{key} {sha256}\n"` of every part, in order (what `sha256sum` prints). */
  sha256: v.string(),
});
export type Manifest = v.InferOutput<typeof Manifest>;

export const sha256 = (data: Buffer | string) => createHash("sha256").update(data).digest("hex");

export const overallChecksum = (parts: readonly Pick<Part, "key" | "sha256">[]) =>
  sha256(parts.map((p) => `${p.key} ${p.sha256}\n`).join(""));

/** `2026-11-24T031500123Z-k3x9` (to the millisecond): sorts by time, and carries its folder's date. */
export function newExportId(now = new Date()): string {
  const iso = now.toISOString();
  return `${iso.slice(0, 10)}T${iso.slice(11, 23).replace(/[:.]/g, "")}Z-${Math.random().toString(36).slice(2, 6)}`;
}

const EXPORT_ID = /^(\d{4}-\d{2}-\d{2})T\d{9}Z-[a-z0-9]{1,8}$/;
export const isExportId = (id: string) => EXPORT_ID.test(id);

export const exportFolder = (exportId: string) => {
  const day = EXPORT_ID.exec(exportId)?.[1];
  if (!day) throw new Error(`Not an export id: ${exportId}`);
  return `${EXPORTS_PREFIX}${day}/${exportId}/`;
};
export const manifestKey = (exportId: string) => `${exportFolder(exportId)}manifest.json`;
export const checkpointKey = (exportId: string) => `${exportFolder(exportId)}checkpoint.json`;
export const partKey = (exportId: string, segment: number, seq: number) =>
  `${exportFolder(exportId)}part-${String(segment).padStart(3, "0")}-${String(seq).padStart(5, "0")}.jsonl.gz`;

/**
 * Sum modulo 2^256 of each item's SHA-256. Independent of scan order and of
 * how items fall into parts, so an export of a restored table can be compared
 * with the export it came from.
 */
export class ItemDigest {
  private sum = 0n;
  /** Adds one item's line, or a digest of other items (`hex`). */
  add(line: string) {
    this.addHex(sha256(line));
  }
  addHex(hex: string) {
    this.sum = (this.sum + BigInt(`0x${hex}`)) & ((1n << 256n) - 1n);
  }
  hex() {
    return this.sum.toString(16).padStart(64, "0");
  }
}

/** `entity@version` of an item, as ElectroDB stores them (`__edb_e__`, `__edb_v__`). */
export const entityVersionOf = (item: Record<string, { S?: string }>): string =>
  `${item.__edb_e__?.S ?? "(none)"}@${item.__edb_v__?.S ?? "-"}`;

/** `{"contract@1": 3, "contract@2": 1}` -> `{contract: 4}`. */
export const byEntity = (entityVersions: Record<string, number>): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const [key, n] of Object.entries(entityVersions)) {
    const name = key.slice(0, key.lastIndexOf("@"));
    out[name] = (out[name] ?? 0) + n;
  }
  return out;
};

export const addCounts = (into: Record<string, number>, from: Record<string, number>) => {
  for (const [k, n] of Object.entries(from)) into[k] = (into[k] ?? 0) + n;
  return into;
};
