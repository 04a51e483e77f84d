import { ScanCommand, TransactWriteItemsCommand, TransactionCanceledException, type AttributeValue } from "@aws-sdk/client-dynamodb";
import { marshall, unmarshall } from "@aws-sdk/util-dynamodb";
import * as Audit from "../audit";
import { dynamo, tableName } from "../db/dynamo";
import { AuditEntity } from "../audit/entity";
import { DomainError } from "../error";
import { log } from "../log";
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

/** The migrations `npm run db -- migrate <name>` and the database manager can run (none pending now). */
export const MIGRATIONS: Record<string, Migration> = {};

export interface MigrationResult {
  migrated: number;
}

/**
 * Runs a migration over the whole table: a (parallel) Scan, like an export —
 * an operator's job, never the product's path — filtered to the old version's
 * items. Each item is replaced in one transaction (put new, delete old), so a
 * run that stops half-way is finished by running it again.
 */
export async function migrate(name: string, options: MigrationOptions = {}): Promise<MigrationResult> {
  const migration = MIGRATIONS[name];
  if (!migration) {
    const known = Object.keys(MIGRATIONS);
    throw new DomainError("migration.not_found", `No migration named ${name}; known: ${known.length ? known.join(", ") : "none"}.`);
  }
  return runMigration(migration, options);
}

export interface MigrationOptions {
  table?: string;
  segments?: number;
}

/** Runs `migration`, registered or not (its test runs the worked example, which is not). */
export async function runMigration(migration: Migration, options: MigrationOptions = {}): Promise<MigrationResult> {
  const { name } = migration;
  const table = options.table ?? tableName();
  const { entity, version } = migration.from.schema.model;
  const segments = options.segments ?? 4;
  let migrated = 0;

  await forEachLimit(Array.from({ length: segments }, (_, i) => i), segments, async (segment) => {
    let startKey: Record<string, AttributeValue> | undefined;
    do {
      const page = await dynamo.send(
        new ScanCommand({
          TableName: table,
          Segment: segment,
          TotalSegments: segments,
          ExclusiveStartKey: startKey,
          FilterExpression: "#e = :e AND #v = :v",
          ExpressionAttributeNames: { "#e": "__edb_e__", "#v": "__edb_v__" },
          ExpressionAttributeValues: { ":e": { S: entity }, ":v": { S: version } },
        }),
      );
      await forEachLimit(page.Items ?? [], 8, async (raw) => {
        if (await replace(table, migration, raw)) migrated++;
      });
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  });

  await AuditEntity
    .put(Audit.record({ trail: "migrations", entity: "migration", entity_id: name, action: "migration.applied", after: { entity, from: version, to: migration.to.schema.model.version, migrated } }))
    .go({ table });
  log.info("migration applied", { migration: name, entity, migrated });
  return { migrated };
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
