import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  ScanCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  type TransactWriteItem,
  type WriteRequest,
} from "@aws-sdk/client-dynamodb";
import { marshall } from "@aws-sdk/util-dynamodb";
import { setTimeout as sleep } from "node:timers/promises";
import * as Audit from "../audit";
import { dynamo, tableName } from "../db/dynamo";
import { AuditEntity } from "../audit/entity";
import { ClientEntity } from "../client/entity";
import { ContractEntity } from "../contract/entity";
import { FileEntity } from "../file/entity";
import { NotificationEntity } from "../notification/entity";
import { TerminationEntity } from "../termination/entity";
import { OutboxEntity } from "../outbox/entity";
import { DomainError } from "../error";
import { log, withLogFields } from "../log";
import { metric } from "../metric";
import { forEachLimit } from "../pool";
import { withTerm, type Stored as ContractItem } from "../contract/index";
import * as Outbox from "../outbox";
import { ContractId } from "../schema";
import { parse } from "../validation";
import { backupsBucket, getObject, listKeys } from "./bucket";
import { listExports } from "./export";
import { Events } from "./events";
import { encodeItem, type RawItem } from "./line";
import type { Manifest } from "./manifest";
import { openExport, readExport } from "./read";
import { getAll } from "../db/batch-get";

export interface RestoreTableOptions {
  /** Defaults to the app's table. */
  table?: string;
  bucket?: string;
  /** Restore into a table that already holds items: items of the export replace those with the same key, others stay. */
  force?: boolean;
}

/**
 * Loads a whole export into a table. The export is verified completely
 * (checksums, gzip, every line) before the first write, and the table must be
 * empty unless `force`. Audited as one `table.restored` entry, written last.
 */
export async function restoreTable(ref: string, options: RestoreTableOptions = {}): Promise<{ manifest: Manifest; items: number }> {
  const table = options.table ?? tableName();
  const bucket = options.bucket ?? backupsBucket();
  const manifest = await openExport(ref, bucket);
  await readExport(manifest, undefined, bucket);
  if (!options.force && !(await isEmpty(table))) {
    throw new DomainError("restore.table_not_empty", `Table ${table} is not empty; restore into an empty table, or pass --force to merge into it.`, { table });
  }
  let items = 0;
  await readExport(
    manifest,
    async (part) => {
      await writeAll(table, part);
      items += part.length;
    },
    bucket,
  );
  await AuditEntity
    .put(Audit.record({ trail: "table", entity: "table", entity_id: table, action: "table.restored", after: { export_id: manifest.export_id, items, forced: Boolean(options.force) } }))
    .go({ table });
  log.info("table restored", { table, export_id: manifest.export_id, items });
  metric("RestoreCompleted", 1, { scope: "table" });
  return { manifest, items };
}

// Restore is an operator's job on a table about to be filled; one item is enough to know it is not empty.
async function isEmpty(table: string): Promise<boolean> {
  const page = await dynamo.send(new ScanCommand({ TableName: table, Limit: 1 }));
  return (page.Items ?? []).length === 0 && !page.LastEvaluatedKey;
}

/** BatchWriteItem in 25s, 8 in flight, retrying what DynamoDB left unprocessed. */
async function writeAll(table: string, items: RawItem[]): Promise<void> {
  const batches: WriteRequest[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })));
  await forEachLimit(batches, 8, async (batch) => {
    let pending = batch;
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 8) throw new Error(`DynamoDB kept ${pending.length} writes unprocessed; the table is throttling, retry the restore.`);
      if (attempt > 0) await sleep(50 * 2 ** attempt + Math.random() * 50);
      const reply = await dynamo.send(new BatchWriteItemCommand({ RequestItems: { [table]: pending } }));
      pending = reply.UnprocessedItems?.[table] ?? [];
    }
  });
}

export interface RestoreContractOptions extends RestoreTableOptions {
  /** Overwrite items that are newer in the table than in the source. */
  force?: boolean;
}

export interface RestoreContractResult {
  source: string;
  /** Items written (absent or older in the table). */
  written: number;
  /** Items already in the table exactly as in the source. */
  unchanged: number;
}

/**
 * Brings one contract back: every item of the source that belongs to it — the
 * contract, its termination, its files' metadata, its audit trail, and any
 * other entity that carries its `contract_id` — from an export (`ref`: an
 * export id, or `latest` for the newest export that holds the contract, then
 * its latest backup object) or from its latest backup object (`ref` =
 * `backup`). Items newer in the table are not overwritten unless `force`.
 */
export async function restoreContract(ref: string, rawContractId: string, options: RestoreContractOptions = {}): Promise<RestoreContractResult> {
  // It becomes part of an S3 prefix and of key comparisons: only a well-formed id gets that far.
  const contractId = parse(ContractId, rawContractId);
  const table = options.table ?? tableName();
  const bucket = options.bucket ?? backupsBucket();
  return withLogFields({ contract_id: contractId }, async () => {
    const found = await findContract(ref, contractId, table, bucket);
    if (!found) {
      throw new DomainError("contract.not_found", `No ${ref === "latest" ? "export or backup" : ref === "backup" ? "backup object" : `item in export ${ref}`} holds contract ${contractId}.`, {
        contract_id: contractId,
      });
    }
    const result = await applyRestore(table, contractId, found.items, found.source, Boolean(options.force));
    if (result.written > 0) metric("RestoreCompleted", 1, { scope: "contract" });
    return result;
  });
}

const belongsTo = (contractId: string) => (item: RawItem) => item.contract_id?.S === contractId || item.trail?.S === contractId;

async function itemsFromExport(ref: string, contractId: string, bucket: string): Promise<RawItem[]> {
  const manifest = await openExport(ref, bucket);
  const items: RawItem[] = [];
  // The whole export is verified even though one contract is taken from it: a corrupt export restores nothing.
  await readExport(manifest, (part) => void items.push(...part.filter(belongsTo(contractId))), bucket);
  return items;
}

async function findContract(ref: string, contractId: string, table: string, bucket: string) {
  if (ref !== "latest" && ref !== "backup") {
    const items = await itemsFromExport(ref, contractId, bucket);
    return items.length > 0 ? { source: `export ${ref}`, items } : null;
  }
  if (ref === "latest") {
    for (const { export_id, complete } of await listExports(bucket)) {
      if (!complete) continue;
      const items = await itemsFromExport(export_id, contractId, bucket);
      if (items.length > 0) return { source: `export ${export_id}`, items };
    }
  }
  return itemsFromBackupObject(contractId, table, bucket);
}

/**
 * A backup object (`contracts/{contract_id}/{version}.json`, written when a
 * contract is terminated) is a JSON object whose keys name entities of the
 * table (`contract`, `termination`, …; `before` is the contract's before-image)
 * and whose values are that entity's item, or a list of them.
 */
const BACKUP_ALIASES: Record<string, string> = { before: "contract", before_image: "contract", files: "file", terminations: "termination" };
/** The entities a contract's backup object may hold, by the keys that name them. */
const BACKED_UP = { contract: ContractEntity, termination: TerminationEntity, file: FileEntity, notification: NotificationEntity, audit: AuditEntity } as unknown as Record<string, PutParams>;
type PutParams = { put(item: unknown): { params(options: { table: string }): { Item: Record<string, unknown> } } };

async function itemsFromBackupObject(contractId: string, table: string, bucket: string) {
  const prefix = `contracts/${contractId}/`;
  const versionOf = (key: string) => Number(key.slice(prefix.length).replace(/\.json$/, ""));
  const latest = (await listKeys(bucket, prefix)).filter((k) => Number.isInteger(versionOf(k))).sort((a, b) => versionOf(b) - versionOf(a))[0];
  if (!latest) return null;
  const body = await getObject(bucket, latest);
  let document: Record<string, unknown>;
  try {
    document = JSON.parse(body!.toString("utf8"));
  } catch {
    throw new DomainError("backup.corrupt", `The backup object ${latest} is not JSON. Nothing was written.`, { where: latest });
  }
  const items: RawItem[] = [];
  for (const [key, value] of Object.entries(document)) {
    const name = BACKUP_ALIASES[key] ?? key;
    const entity = BACKED_UP[name];
    if (!entity || typeof value !== "object" || value === null) continue;
    for (const record of Array.isArray(value) ? value : [value]) {
      try {
        // A contract backed up before the term model gets its derived term (the index on it needs one).
        const item = name === "contract" ? withTerm(record as ContractItem) : record;
        items.push(marshall(entity.put(item).params({ table }).Item, { removeUndefinedValues: true }));
      } catch (error) {
        throw new DomainError("backup.corrupt", `The ${name} in backup object ${latest} is not a valid ${name}: ${(error as Error).message} Nothing was written.`, {
          where: latest,
        });
      }
    }
  }
  return items.length > 0 ? { source: `backup ${latest}`, items } : null;
}

const keyOf = (item: RawItem) => `${item.pk!.S}\u0000${item.sk!.S}`;
const numberOf = (item: RawItem, name: string) => (item[name]?.N === undefined ? undefined : Number(item[name]!.N));

/** Whether the table's copy is newer than the source's: by `version`, else by `updated_at`. */
function isNewer(current: RawItem, source: RawItem): boolean {
  const [cv, sv] = [numberOf(current, "version"), numberOf(source, "version")];
  if (cv !== undefined && sv !== undefined && cv !== sv) return cv > sv;
  const [cu, su] = [current.updated_at?.S, source.updated_at?.S];
  return cu !== undefined && su !== undefined && cu > su;
}

/** A put that succeeds only if the item is still as it was read: nothing changes between the check and the write. */
function putOver(table: string, item: RawItem, current: RawItem | undefined): TransactWriteItem {
  if (!current) return { Put: { TableName: table, Item: item, ConditionExpression: "attribute_not_exists(pk)" } };
  if (current.version) {
    return { Put: { TableName: table, Item: item, ConditionExpression: "#v = :v", ExpressionAttributeNames: { "#v": "version" }, ExpressionAttributeValues: { ":v": current.version } } };
  }
  if (current.updated_at) {
    return { Put: { TableName: table, Item: item, ConditionExpression: "#u = :u", ExpressionAttributeNames: { "#u": "updated_at" }, ExpressionAttributeValues: { ":u": current.updated_at } } };
  }
  return { Put: { TableName: table, Item: item, ConditionExpression: "attribute_exists(pk)" } };
}

async function currentItems(table: string, items: RawItem[]): Promise<Map<string, RawItem>> {
  const found = new Map<string, RawItem>();
  for (let i = 0; i < items.length; i += 100) {
    const keys = items.slice(i, i + 100).map((item) => ({ pk: item.pk!, sk: item.sk! }));
    const read = await getAll(keys, async (pending) => {
      const reply = await dynamo.send(new BatchGetItemCommand({ RequestItems: { [table]: { Keys: pending, ConsistentRead: true } } }));
      return { data: reply.Responses?.[table] ?? [], unprocessed: (reply.UnprocessedKeys?.[table]?.Keys ?? []) as typeof keys };
    });
    for (const item of read) found.set(keyOf(item), item);
  }
  return found;
}

async function applyRestore(table: string, contractId: string, items: RawItem[], source: string, force: boolean): Promise<RestoreContractResult> {
  const current = await currentItems(table, items);
  const history: TransactWriteItem[] = [];
  const state: TransactWriteItem[] = [];
  const newer: string[] = [];
  let unchanged = 0;
  for (const item of items) {
    const now = current.get(keyOf(item));
    const entity = item.__edb_e__?.S ?? "item";
    if (now && (encodeItem(now) === encodeItem(item) || entity === "audit")) {
      // Audit entries never change: one with the same key is the same entry.
      unchanged++;
      continue;
    }
    if (now && isNewer(now, item) && !force) {
      newer.push(`${entity} (table: version ${numberOf(now, "version") ?? "-"}, ${now.updated_at?.S ?? "-"}; source: version ${numberOf(item, "version") ?? "-"}, ${item.updated_at?.S ?? "-"})`);
      continue;
    }
    (entity === "audit" ? history : state).push(putOver(table, item, now));
  }
  if (newer.length > 0) {
    throw new DomainError("restore.newer_data", `The table holds newer data for contract ${contractId} than ${source}: ${newer.join("; ")}. Nothing was written; pass --force to overwrite it.`, {
      contract_id: contractId,
      newer,
    });
  }
  const written = history.length + state.length;
  if (written === 0) return { source, written, unchanged };

  const contract = items.find((item) => item.__edb_e__?.S === "contract");
  if (contract && !current.has(keyOf(contract))) {
    state.push(await countContractAgain(table, contract));
    // A contract that comes back gets its documents back from the archives (withdrawn when it was deleted).
    const { type, payload } = Events.Restored.build({ contract: { contract_id: contractId }, source });
    state.push(putEntity(table, OutboxEntity.put(Outbox.event(type, contractId, payload))));
  }
  const entry = Audit.record({ trail: contractId, entity: "contract", entity_id: contractId, action: "contract.restored", after: { source, written, unchanged, forced: force } });
  state.push(putEntity(table, AuditEntity.put(entry)));

  // One transaction when it fits (100 writes). Otherwise the audit history goes first, in
  // its own transactions (append-only, so running the restore again completes it), and the
  // contract's state last, together with the entry that records the restore.
  const all = [...history, ...state];
  const chunks = all.length <= 100 ? [all] : [...chunk(history, 100), ...chunk(state, 100)];
  for (const writes of chunks) await transact(writes, contractId);
  log.info("contract restored", { source, written, unchanged, forced: force });
  return { source, written, unchanged };
}

const putEntity = (table: string, put: { params(options: { table: string }): { Item: Record<string, unknown> } }): TransactWriteItem => ({
  Put: { TableName: table, Item: marshall(put.params({ table }).Item, { removeUndefinedValues: true }) },
});

/** A contract that comes back where none was counts again for its client, as `Contract.create` does. */
async function countContractAgain(table: string, contract: RawItem): Promise<TransactWriteItem> {
  const clientId = contract.client_id?.S ?? "";
  const { data: client } = await ClientEntity.get({ client_id: clientId }).go({ table });
  if (!client) {
    throw new DomainError("restore.client_missing", `Client ${clientId} of contract ${contract.contract_id?.S} does not exist; restore the whole table from an export instead.`, {
      client_id: clientId,
    });
  }
  const update = ClientEntity.patch({ client_id: clientId }).add({ contract_count: 1 }).params({ table }) as Record<string, any>;
  return {
    Update: {
      TableName: table,
      Key: marshall(update.Key),
      UpdateExpression: update.UpdateExpression,
      ConditionExpression: update.ConditionExpression,
      ExpressionAttributeNames: update.ExpressionAttributeNames,
      ExpressionAttributeValues: marshall(update.ExpressionAttributeValues, { removeUndefinedValues: true }),
    },
  };
}

const chunk = <T>(list: T[], size: number): T[][] => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, i * size + size));

async function transact(writes: TransactWriteItem[], contractId: string): Promise<void> {
  try {
    await dynamo.send(new TransactWriteItemsCommand({ TransactItems: writes }));
  } catch (error) {
    if (error instanceof TransactionCanceledException) {
      throw new DomainError("restore.concurrent_change", `Contract ${contractId} changed while it was being restored; run the restore again.`, {
        reasons: error.CancellationReasons?.map((r) => r.Code),
      });
    }
    throw error;
  }
}
