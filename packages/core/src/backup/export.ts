import { ScanCommand, type AttributeValue } from "@aws-sdk/client-dynamodb";
import { promisify } from "node:util";
import { gzip as gzipCallback } from "node:zlib";
import * as v from "valibot";
import { dynamo, tableName } from "../db/dynamo";
import { log } from "../log";
import { backupsBucket, deleteObject, getObject, listFolders, listKeys, putObject } from "./bucket";
import { encodeItem } from "./line";
import {
  addCounts,
  byEntity,
  checkpointKey,
  entityVersionOf,
  EXPORTS_PREFIX,
  FORMAT,
  ItemDigest,
  Manifest,
  manifestKey,
  newExportId,
  overallChecksum,
  Part,
  partKey,
  sha256,
} from "./manifest";

const gzip = promisify(gzipCallback);

export interface ExportOptions {
  /** Defaults to the app's table. */
  table?: string;
  /** Defaults to the backups bucket. */
  bucket?: string;
  /** Parallel scan segments; each fills its own parts. */
  segments?: number;
  /** A part is closed once its uncompressed lines reach this size (bounds memory: segments × partBytes). */
  partBytes?: number;
  /** Items per scan page (DynamoDB's default: up to 1 MB); time is checked between pages. */
  pageItems?: number;
  /** Continue this unfinished export instead of starting one. */
  resume?: string;
  /** Time left before the caller must return (a Lambda's `getRemainingTimeInMillis`); unbounded if absent. */
  remainingMs?: () => number;
  /** Stop starting new scan pages once less than this is left. */
  stopWhenLeftMs?: number;
}

export type ExportResult =
  | { complete: true; manifest: Manifest }
  /** Time ran out; `resume` with this id continues where it stopped. */
  | { complete: false; export_id: string; parts: number; items: number };

const Checkpoint = v.object({
  export_id: v.string(),
  table: v.string(),
  started_at: v.string(),
  segments: v.array(
    v.object({
      /** Where the next part of this segment starts; the scan key after the last item of the last part. */
      next_key: v.optional(v.record(v.string(), v.any())),
      next_seq: v.number(),
      done: v.boolean(),
    }),
  ),
  parts: v.array(Part),
});
type Checkpoint = v.InferOutput<typeof Checkpoint>;

/**
 * Copies the whole table to the backups bucket as gzip JSON Lines.
 *
 * The product never scans (every access pattern is a GetItem or Query); a full
 * export is the one job that must read every item, and a parallel Scan is the
 * cheapest way to do that: each segment reads its share of the table and writes
 * its own parts. After each part, a checkpoint records where every segment
 * stands, so an export interrupted by the Lambda's time limit (or a crash)
 * resumes from its last part instead of starting again.
 *
 * A Scan is not a snapshot: an item changed during the export appears in the
 * state it had when its page was read. Point-in-time recovery of the whole
 * table is DynamoDB's PITR; this export is the portable, inspectable copy that
 * also restores single contracts.
 */
export async function exportTable(options: ExportOptions = {}): Promise<ExportResult> {
  const bucket = options.bucket ?? backupsBucket();
  const stopWhenLeft = options.stopWhenLeftMs ?? 30_000;
  const outOfTime = () => (options.remainingMs ? options.remainingMs() < stopWhenLeft : false);
  const partBytes = options.partBytes ?? 4 * 1024 * 1024;

  let state: Checkpoint;
  if (options.resume) {
    const done = await readManifest(bucket, options.resume);
    if (done) return { complete: true, manifest: done };
    const saved = await getObject(bucket, checkpointKey(options.resume));
    if (!saved) throw new Error(`Export ${options.resume} has neither a manifest nor a checkpoint; start a new one.`);
    state = v.parse(Checkpoint, JSON.parse(saved.toString("utf8")));
  } else {
    const segments = options.segments ?? 4;
    state = {
      export_id: newExportId(),
      table: options.table ?? tableName(),
      started_at: new Date().toISOString(),
      segments: Array.from({ length: segments }, () => ({ next_seq: 1, done: false })),
      parts: [],
    };
  }

  // Checkpoints are written one at a time, in order, whichever segment finished a part.
  let saving = Promise.resolve();
  const saveCheckpoint = () =>
    (saving = saving.then(() => putObject(bucket, checkpointKey(state.export_id), JSON.stringify(state), "application/json")));
  await saveCheckpoint();

  const runSegment = async (segment: number) => {
    const position = state.segments[segment]!;
    let lines: string[] = [];
    let size = 0;
    let digest = new ItemDigest();
    let counts: Record<string, number> = {};
    let startKey = position.next_key as Record<string, AttributeValue> | undefined;
    while (!position.done) {
      const page = await dynamo.send(
        new ScanCommand({ TableName: state.table, Segment: segment, TotalSegments: state.segments.length, ExclusiveStartKey: startKey, Limit: options.pageItems }),
      );
      for (const item of page.Items ?? []) {
        const line = encodeItem(item) + "\n";
        lines.push(line);
        size += line.length;
        digest.add(line);
        addCounts(counts, { [entityVersionOf(item)]: 1 });
      }
      startKey = page.LastEvaluatedKey;
      const end = !startKey;
      const stop = outOfTime();
      if (size < partBytes && !end && !stop) continue;
      if (lines.length > 0) {
        const body = await gzip(Buffer.from(lines.join(""), "utf8"));
        const key = partKey(state.export_id, segment, position.next_seq);
        await putObject(bucket, key, body, "application/gzip");
        state.parts.push({ key, items: lines.length, bytes: body.length, sha256: sha256(body), items_sha256: digest.hex(), entity_versions: counts });
        position.next_seq += 1;
      }
      position.next_key = startKey;
      position.done = end;
      await saveCheckpoint();
      lines = [];
      size = 0;
      digest = new ItemDigest();
      counts = {};
      if (stop) return;
    }
  };
  await Promise.all(state.segments.map((_, segment) => runSegment(segment)));
  await saving;

  const items = state.parts.reduce((n, p) => n + p.items, 0);
  if (!state.segments.every((s) => s.done)) {
    log.info("export paused", { export_id: state.export_id, parts: state.parts.length, items });
    return { complete: false, export_id: state.export_id, parts: state.parts.length, items };
  }

  const parts = [...state.parts].sort((a, b) => a.key.localeCompare(b.key));
  const entityVersions = parts.reduce((all, p) => addCounts(all, p.entity_versions), {} as Record<string, number>);
  const digest = new ItemDigest();
  for (const part of parts) digest.addHex(part.items_sha256);
  const manifest: Manifest = {
    format: FORMAT,
    export_id: state.export_id,
    table: state.table,
    started_at: state.started_at,
    completed_at: new Date().toISOString(),
    item_count: items,
    entities: byEntity(entityVersions),
    entity_versions: entityVersions,
    items_sha256: digest.hex(),
    parts,
    sha256: overallChecksum(parts),
  };
  await putObject(bucket, manifestKey(state.export_id), JSON.stringify(manifest, null, 2), "application/json");
  await deleteObject(bucket, checkpointKey(state.export_id));
  log.info("export complete", { export_id: state.export_id, parts: parts.length, items, entities: manifest.entities });
  return { complete: true, manifest };
}

/** The manifest of a complete export, or null if it has none (unfinished or unknown). */
export async function readManifest(bucket: string, exportId: string): Promise<Manifest | null> {
  const body = await getObject(bucket, manifestKey(exportId));
  return body ? v.parse(Manifest, JSON.parse(body.toString("utf8"))) : null;
}

/** Ids of the exports in the bucket, newest first, complete or not (`{complete}` says which). */
export async function listExports(bucket = backupsBucket()): Promise<{ export_id: string; complete: boolean }[]> {
  const days = (await listFolders(bucket, EXPORTS_PREFIX)).reverse();
  const found: { export_id: string; complete: boolean }[] = [];
  for (const day of days) {
    const keys = await listKeys(bucket, day);
    const ids = new Set(keys.map((k) => k.slice(day.length).split("/")[0]!).filter(Boolean));
    for (const id of [...ids].sort().reverse()) found.push({ export_id: id, complete: keys.includes(`${day}${id}/manifest.json`) });
  }
  return found;
}
