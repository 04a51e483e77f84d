/**
 * `npm run db -- <command>`: operations on the data of `npm start`, while it runs.
 *
 *   seed [--contracts N]                      demo clients and contracts in every status
 *   export                                    the whole table to the backups bucket
 *   exports                                   the exports in the bucket, newest first
 *   verify <export|latest>                    check an export without writing anything
 *   restore <export|latest> [--force]         the whole table (empty unless --force)
 *   restore <export|latest|backup> --contract <id> [--force]
 *                                             one contract, its termination, files and audit trail
 *   migrate <name>                            move an entity's items to its new model version
 *   wipe --yes                                delete every item of the local table
 *
 * It connects to the ports `npm start` uses (TESTEX_DYNAMODB_PORT, TESTEX_S3_PORT,
 * TESTEX_SES_PORT) with the same links, and acts as `system:db-manager` unless
 * `--as <operator id>` names the operator (recorded in the audit trail).
 *
 * Against a deployed stage, run it inside that stage's links and credentials:
 * `npx sst shell --stage <name> -- npm run db -- export`. When links are
 * present (SST_RESOURCE_*), it uses them and AWS, and never the local ports;
 * `wipe` stays local-only, and `seed` is refused in production.
 */
import { DescribeTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { parseArgs } from "node:util";
import { localAuthSecret } from "./auth-secret";
import { localEnvironment, localResources } from "./environment";
import { localEndpoints } from "./ports";
import { httpAnswers } from "./process";
import { elapsed } from "./progress";

const endpoints = localEndpoints();

const USAGE = `Usage: npm run db -- <command>
  seed [--contracts N]                         demo data (default 100 contracts)
  export                                       export the table to the backups bucket
  exports                                      list exports, newest first
  verify <export|latest>                       check an export's checksums and lines
  restore <export|latest> [--force]            restore the whole table (must be empty unless --force)
  restore <export|latest|backup> --contract <id> [--force]
                                               restore one contract (refuses newer data unless --force)
  migrate <name>                               run an entity migration
  wipe --yes                                   delete every item of the local table
Options: --as <operator id>  who the audit trail names (default system:db-manager)`;

class UsageError extends Error {}

/** The stage whose links `sst shell` (or a deployed function's environment) provides, if any. */
const linkedStage = () => (process.env.SST_RESOURCE_App ? (JSON.parse(process.env.SST_RESOURCE_App) as { stage: string }).stage : null);

async function connectLinked(stage: string) {
  process.env.LOG_LEVEL ??= "WARN";
  process.env.TESTEX_METRICS ??= "off";
  const { Resource } = await import("sst");
  const resources = {
    stage,
    table: Resource.Table.name,
    buckets: { files: Resource.Files.name, archives: Resource.Archives.name, backups: Resource.Backups.name },
    production: (Resource.Settings as { environment?: string }).environment === "production",
    linked: true,
  };
  try {
    await new DynamoDBClient({}).send(new DescribeTableCommand({ TableName: resources.table }));
  } catch (error) {
    throw new Error(`Stage ${stage}'s table ${resources.table} cannot be read (${(error as Error).name}): are these the stage's credentials and region?`);
  }
  return resources;
}

async function connect() {
  const stage = linkedStage();
  if (stage) return connectLinked(stage);
  const [dynamo, s3] = await Promise.all([httpAnswers(endpoints.dynamo), httpAnswers(endpoints.s3)]);
  if (!dynamo || !s3) {
    const missing = [!dynamo && `DynamoDB on ${endpoints.dynamo} (TESTEX_DYNAMODB_PORT)`, !s3 && `S3 on ${endpoints.s3} (TESTEX_S3_PORT)`].filter(Boolean);
    throw new Error(`The local stack is not running: nothing answers as ${missing.join(" or ")}.\nStart it with \`npm start\` in another terminal (with the same port variables, if you changed them).`);
  }
  const resources = localResources("local", localAuthSecret());
  const env = localEnvironment(endpoints, resources);
  Object.assign(process.env, env, { LOG_LEVEL: process.env.LOG_LEVEL ?? "WARN", TESTEX_METRICS: "off" });
  const client = new DynamoDBClient({ endpoint: endpoints.dynamo, region: env.AWS_REGION });
  try {
    await client.send(new DescribeTableCommand({ TableName: resources.table }));
  } catch {
    throw new Error(`DynamoDB answers on ${endpoints.dynamo} but has no table ${resources.table}: is that \`npm start\` of this checkout?`);
  }
  return { ...resources, production: false, linked: false };
}


async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      contracts: { type: "string" },
      contract: { type: "string" },
      force: { type: "boolean", default: false },
      yes: { type: "boolean", default: false },
      as: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const [command, argument] = positionals;
  if (!command || values.help) {
    console.log(USAGE);
    return;
  }
  const resources = await connect();
  // Imported only now: core reads its links from the environment set by connect().
  const { systemActor, withContext } = await import("@testex/core");
  const actor = values.as ? { id: values.as, roles: ["admin"] } : systemActor("db-manager");
  const started = performance.now();
  await withContext({ actor, requestId: crypto.randomUUID() }, async () => {
    switch (command) {
      case "seed": {
        if (resources.production) throw new UsageError("seed writes demo data; it is refused in production.");
        const { seed } = await import("./seed");
        const contracts = Number(values.contracts ?? 100);
        if (!Number.isInteger(contracts) || contracts < 1) throw new UsageError("--contracts needs a whole number of at least 1.");
        const result = await seed({ contracts });
        const byStatus: Record<string, number> = {};
        for (const { status } of result.contracts) byStatus[status] = (byStatus[status] ?? 0) + 1;
        console.log(`Seeded ${result.clients.length} clients and ${result.contracts.length} contracts in ${elapsed(started)}:`);
        for (const [status, n] of Object.entries(byStatus)) console.log(`  ${status.padEnd(20)} ${n}`);
        return;
      }
      case "export": {
        const { exportTable } = await import("@testex/core/backup/export");
        const result = await exportTable();
        if (!result.complete) throw new Error("The export did not complete.");
        const { manifest } = result;
        console.log(`Exported ${manifest.item_count} items in ${manifest.parts.length} part(s) in ${elapsed(started)}.`);
        console.log(`  export   ${manifest.export_id}`);
        console.log(`  bucket   s3://${resources.buckets.backups}/exports/${manifest.export_id.slice(0, 10)}/${manifest.export_id}/`);
        console.log(`  sha256   ${manifest.sha256}`);
        for (const [entity, n] of Object.entries(manifest.entities)) console.log(`  ${entity.padEnd(20)} ${n}`);
        return;
      }
      case "exports": {
        const { listExports } = await import("@testex/core/backup/export");
        const exports = await listExports();
        if (exports.length === 0) console.log("No exports yet: `npm run db -- export` makes one.");
        for (const e of exports) console.log(`${e.export_id}${e.complete ? "" : "   (unfinished)"}`);
        return;
      }
      case "verify": {
        if (!argument) throw new UsageError("verify needs an export id or `latest`.");
        const { openExport, readExport } = await import("@testex/core/backup/read");
        const manifest = await openExport(argument);
        await readExport(manifest);
        console.log(`Export ${manifest.export_id} is intact: ${manifest.item_count} items in ${manifest.parts.length} part(s), every checksum matches (${elapsed(started)}).`);
        return;
      }
      case "restore": {
        if (!argument) throw new UsageError("restore needs an export id, `latest`, or (with --contract) `backup`.");
        const { restoreContract, restoreTable } = await import("@testex/core/backup/restore");
        if (values.contract) {
          const result = await restoreContract(argument, values.contract, { force: values.force });
          console.log(`Contract ${values.contract} restored from ${result.source}: ${result.written} item(s) written, ${result.unchanged} already as in the source (${elapsed(started)}).`);
          return;
        }
        if (argument === "backup") throw new UsageError("`backup` restores one contract: add --contract <id>.");
        const result = await restoreTable(argument, { force: values.force });
        console.log(`Restored ${result.items} items from export ${result.manifest.export_id} into ${resources.table} in ${elapsed(started)}.`);
        return;
      }
      case "migrate": {
        if (!argument) throw new UsageError("migrate needs a migration name.");
        const { migrate } = await import("@testex/core/migration/index");
        const result = await migrate(argument);
        console.log(`Migration ${argument}: ${result.migrated} item(s) migrated in ${elapsed(started)}.`);
        return;
      }
      case "wipe": {
        if (resources.linked) throw new UsageError(`wipe is for the local table only; ${resources.table} belongs to stage ${resources.stage}.`);
        if (!values.yes) throw new UsageError(`wipe deletes every item of ${resources.table}; add --yes if that is what you want.`);
        const { wipeTable } = await import("./wipe");
        const deleted = await wipeTable(resources.table);
        console.log(`Deleted ${deleted} items from ${resources.table} in ${elapsed(started)}. Exports in the backups bucket are kept.`);
        return;
      }
      default:
        throw new UsageError(`Unknown command "${command}".`);
    }
  });
}

main().catch((error: Error & { issues?: { path: string; message: string }[] }) => {
  if (error instanceof UsageError) console.error(`${error.message}\n\n${USAGE}`);
  else if (error.issues) console.error(`db: ${error.issues.map((i) => i.message).join("; ")}.`);
  else console.error(`db: ${error.message}`);
  process.exit(1);
});
