/**
 * `npm run import -- <file.csv|file.xlsx> [--dry-run] [--create-clients] [--mapping <mapping.json>]`:
 * contracts from a spreadsheet, each row reported as it is done. Reads the file
 * as a stream (memory stays flat however long it is). Runs against `npm start`'s
 * stack, or the stage whose links the environment holds (`sst shell`).
 * Interrupted, it is simply run again: rows already imported are not imported twice.
 */
import { createReadStream, readFileSync } from "node:fs";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { connect } from "./connect";

const USAGE = `Usage: npm run import -- <file.csv|file.xlsx> [--dry-run] [--create-clients] [--mapping <mapping.json>]
  --dry-run         report what each row would do; write nothing
  --create-clients  create the clients rows name by client_email (and client_name) that do not exist
  --mapping         a JSON file: {"columns": {"<column>": "<field>"}, "date_format": "DD/MM/YYYY", "decimal_separator": ","}`;

class UsageError extends Error {}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      "dry-run": { type: "boolean", default: false },
      "create-clients": { type: "boolean", default: false },
      mapping: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) return console.log(USAGE);
  const [path] = positionals;
  if (!path || positionals.length > 1) throw new UsageError("Name one file to import.");
  process.env.LOG_LEVEL ??= "WARN";
  await connect();
  // Imported only now: core reads its links from the environment.
  const { Import, systemActor, withContext } = await import("@testex/core");
  const kind = Import.kindOf(path);
  if (!kind) throw new UsageError(`${path}: name a .csv or .xlsx file.`);
  const mapping = values.mapping ? JSON.parse(readFileSync(values.mapping, "utf8")) : {};
  const file = basename(path);
  const dryRun = values["dry-run"];
  console.log(`Importing ${file}${dryRun ? ", dry run: nothing is written" : ""}.`);
  const summary = await withContext({ actor: systemActor("import"), requestId: crypto.randomUUID() }, async () =>
    Import.run(
      createReadStream(path),
      { file, kind, digest: await Import.digestOf(createReadStream(path)), mapping, dryRun, createClients: values["create-clients"] },
      (report) => {
        const what = report.action === "refused" ? `refused: ${report.errors!.map((e) => e.message).join("; ")}` : `${report.action}${report.contract_id ? ` ${report.contract_id}` : ""}`;
        console.log(`row ${report.row}: ${what}${report.changes ? ` (${report.changes.join(", ")})` : ""}${report.creates_client ? " with a new client" : ""}`);
      },
    ),
  );
  console.log(
    `${summary.rows} rows: ${summary.create} ${dryRun ? "to create" : "created"}, ${summary.update} ${dryRun ? "to update" : "updated"}, ` +
      `${summary.unchanged} unchanged, ${summary.refused} refused.${summary.ignored_columns.length ? ` Ignored columns: ${summary.ignored_columns.join(", ")}.` : ""}`,
  );
  if (summary.refused > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof UsageError ? `${error.message}\n${USAGE}` : error instanceof Error ? error.message : String(error));
  process.exitCode = 2;
});
