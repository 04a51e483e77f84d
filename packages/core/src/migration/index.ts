import {
  ConditionalCheckFailedException,
  PutItemCommand,
  ScanCommand,
  TransactWriteItemsCommand,
  TransactionCanceledException,
  type AttributeValue,
} from "@aws-sdk/client-dynamodb";
import { marshall, unmarshall } from "@aws-sdk/util-dynamodb";
import * as Audit from "../audit";
import { dynamo, tableName } from "../db/dynamo";
import { TABLE_KEYS } from "../db/table";
import { AuditEntity } from "../audit/entity";
import { ContractEntity } from "../contract/entity";
import { TerminationEntity } from "../termination/entity";
import { DomainError } from "../error";
import { describeError, log } from "../log";
import { forEachLimit } from "../pool";

/** What any ElectroDB entity offers that a migration needs. */
interface ModelEntity {
  schema: { model: { entity: string; version: string } };
  parse(input: { Item: Record<string, unknown> }): { data: Record<string, unknown> | null };
  put(item: never): { params(options: { table: string }): { Item: Record<string, unknown> } };
}

/**
 * Moves every item of one entity from one model version to the next. ElectroDB
 * writes the version into each item (`__edb_v__`) and into its sort key prefix,
 * so items of the two versions coexist and each version's entity reads only its
 * own: code that reads the new version is deployed first, then the migration.
 */
export interface Migration {
  name: string;
  description: string;
  from: ModelEntity;
  to: ModelEntity;
  /** The new version's attributes from an item read with the old version's entity. */
  upgrade(old: Record<string, unknown>): Record<string, unknown>;
}

/**
 * Gives the items of entities whose model version did not change the keys of
 * an index added since they were written (a new index, or a new composite on
 * an existing one): each item whose stored keys differ from those its entity
 * writes now is put again as it was, with its keys, on condition that `guard`
 * (an attribute every write changes) is as read, so a newer write is never
 * overwritten. Running it again finishes an interrupted run; once every item
 * carries its keys it writes nothing.
 */
export interface Rekey {
  name: string;
  description: string;
  entities: ModelEntity[];
  guard: string;
}

/** The migrations `npm run db -- migrate <name>` and the database manager can run. */
export const MIGRATIONS: Record<string, Migration | Rekey> = {
  "calendar-keys": {
    name: "calendar-keys",
    description:
      "Running contracts join their owner's partition of the owner index (gsi5) and open terminations their requester's (gsi4), which the calendar feed queries.",
    entities: [ContractEntity, TerminationEntity],
    guard: "version",
  },
};

export interface MigrationResult {
  migrated: number;
}

/**
 * Runs a migration over the whole table: a (parallel) Scan, like an export —
 * an operator's job, never the product's path — filtered to the items it
 * concerns. A version migration replaces each item in one transaction (put
 * new, delete old); a re-key puts it again in place. Either way a run that
 * stops half-way is finished by running it again.
 */
export async function migrate(name: string, options: MigrationOptions = {}): Promise<MigrationResult> {
  const migration = MIGRATIONS[name];
  if (!migration) {
    const known = Object.keys(MIGRATIONS);
    throw new DomainError("migration.not_found", `No migration named ${name}; known: ${known.length ? known.join(", ") : "none"}.`);
  }
  return "to" in migration ? runMigration(migration, options) : runRekey(migration, options);
}

export interface MigrationOptions {
  table?: string;
  segments?: number;
}

type Model = ModelEntity["schema"]["model"];

/** Calls `each` with every raw item of the given entity versions, `segments` Scans in parallel. */
async function scanItems(table: string, models: Model[], segments: number, each: (raw: Record<string, AttributeValue>, model: number) => Promise<void>): Promise<void> {
  const names = { "#e": "__edb_e__", "#v": "__edb_v__" };
  const values = Object.fromEntries(models.flatMap((m, i) => [[`:e${i}`, { S: m.entity }], [`:v${i}`, { S: m.version }]]));
  const filter = models.map((_, i) => `(#e = :e${i} AND #v = :v${i})`).join(" OR ");
  await forEachLimit(Array.from({ length: segments }, (_, i) => i), segments, async (segment) => {
    let startKey: Record<string, AttributeValue> | undefined;
    do {
      const page = await dynamo.send(
        new ScanCommand({
          TableName: table,
          Segment: segment,
          TotalSegments: segments,
          ExclusiveStartKey: startKey,
          FilterExpression: filter,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
      await forEachLimit(page.Items ?? [], 8, async (raw) => {
        const model = models.findIndex((m) => m.entity === raw.__edb_e__?.S && m.version === raw.__edb_v__?.S);
        await each(raw, model);
      });
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  });
}

async function applied(table: string, name: string, after: Record<string, unknown>): Promise<void> {
  await AuditEntity.put(Audit.record({ trail: "migrations", entity: "migration", entity_id: name, action: "migration.applied", after })).go({ table });
  log.info("migration applied", { migration: name, ...after });
}

/** Runs `migration`, registered or not (its test runs the worked example, which is not). */
export async function runMigration(migration: Migration, options: MigrationOptions = {}): Promise<MigrationResult> {
  const table = options.table ?? tableName();
  const { entity, version } = migration.from.schema.model;
  let migrated = 0;
  await scanItems(table, [migration.from.schema.model], options.segments ?? 4, async (raw) => {
    if (await replace(table, migration, raw)) migrated++;
  });
  await applied(table, migration.name, { entity, from: version, to: migration.to.schema.model.version, migrated });
  return { migrated };
}

/** Runs a re-key, registered or not. */
export async function runRekey(rekey: Rekey, options: MigrationOptions = {}): Promise<MigrationResult> {
  const table = options.table ?? tableName();
  const models = rekey.entities.map((e) => e.schema.model);
  let migrated = 0;
  await scanItems(table, models, options.segments ?? 4, async (raw, model) => {
    if (await putWithKeys(table, rekey, rekey.entities[model]!, raw)) migrated++;
  });
  await applied(table, rekey.name, { entities: models.map((m) => `${m.entity}@${m.version}`), migrated });
  return { migrated };
}

const KEY_FIELDS = [TABLE_KEYS.primary, ...Object.values(TABLE_KEYS.globalIndexes)].flatMap((index) => [index.hashKey, index.rangeKey]);

async function putWithKeys(table: string, rekey: Rekey, entity: ModelEntity, raw: Record<string, AttributeValue>): Promise<boolean> {
  const stored = unmarshall(raw);
  const item = entity.parse({ Item: stored }).data;
  if (!item) return false;
  let next: Record<string, unknown>;
  try {
    next = entity.put(item as never).params({ table }).Item;
  } catch (error) {
    // Not writable as it is (e.g. a contract from before the term model, until `backfill-terms`): its next write gives it its keys.
    log.warn("item left as it is: its entity cannot write it unchanged", { migration: rekey.name, pk: stored.pk, sk: stored.sk, ...describeError(error) });
    return false;
  }
  if (KEY_FIELDS.every((field) => next[field] === stored[field])) return false;
  try {
    await dynamo.send(
      new PutItemCommand({
        TableName: table,
        Item: marshall(next, { removeUndefinedValues: true }),
        ConditionExpression: "#guard = :guard",
        ExpressionAttributeNames: { "#guard": rekey.guard },
        ExpressionAttributeValues: { ":guard": raw[rekey.guard]! },
      }),
    );
    return true;
  } catch (error) {
    // Written meanwhile: the writer gave it the keys of the version it wrote.
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

async function replace(table: string, migration: Migration, raw: Record<string, AttributeValue>): Promise<boolean> {
  const old = migration.from.parse({ Item: unmarshall(raw) }).data;
  if (!old) return false;
  const next = marshall(migration.to.put(migration.upgrade(old) as never).params({ table }).Item, { removeUndefinedValues: true });
  try {
    await dynamo.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: table, Item: next } },
          // Another run that moved this item first makes this one a no-op.
          { Delete: { TableName: table, Key: { pk: raw.pk!, sk: raw.sk! }, ConditionExpression: "attribute_exists(pk)" } },
        ],
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof TransactionCanceledException) return false;
    throw error;
  }
}
