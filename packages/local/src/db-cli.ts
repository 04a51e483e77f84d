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
 *   migrate <name>                            move an entity's items to its new model version, or give items new index keys
 *   backfill-terms                            give running contracts from before the term model their term
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
import { parseArgs } from "node:util";
import { connect } from "./connect";
import { elapsed } from "./progress";

const USAGE = `Usage: npm run db -- <command>
  seed [--contracts N]                         demo data (default 100 contracts)
  export                                       export the table to the backups bucket
  exports                                      list exports, newest first
  verify <export|latest>                       check an export's checksums and lines
  restore <export|latest> [--force]            restore the whole table (must be empty unless --force)
  restore <export|latest|backup> --contract <id> [--force]
                                               restore one contract (refuses newer data unless --force)
  migrate <name>                               run an entity migration or re-key (e.g. calendar-keys)
  backfill-terms                               store the term (NONE, notice deadline) of running contracts from before it existed
  wipe --yes                                   delete every item of the local table
Options: --as <operator id>  who the audit trail names (default system:db-manager)`;

class UsageError extends Error {}


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
      case "backfill-terms": {
        const { backfillTerms } = await import("@testex/core/contract/backfill");
        const { filled } = await backfillTerms();
        console.log(`${filled} running contract(s) given their term in ${elapsed(started)}; they are now in the notice-deadline index.`);
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
