/**
 * `npm run import -- <file.csv|file.xlsx> [--dry-run] [--create-clients] [--mapping <mapping.json> | --mapping-name <name>] [--save-mapping <name>] [--background]`:
 * contracts from a spreadsheet, each row reported as it is done. Reads the file
 * as a stream (memory stays flat however long it is). Runs against `npm start`'s
 * stack, or the stage whose links the environment holds (`sst shell`).
 * Interrupted, it is simply run again: rows already imported are not imported twice.
 * With `--background` the file is uploaded to S3 and imported by the stack's
 * processor as a job, whose progress is shown until it ends (the job goes on if
 * the command is stopped).
 */
import { createReadStream, readFileSync, statSync } from "node:fs";
import { Readable } from "node:stream";
import { setTimeout } from "node:timers/promises";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { connect } from "./connect";

const USAGE = `Usage: npm run import -- <file.csv|file.xlsx> [--dry-run] [--create-clients] [--mapping <mapping.json> | --mapping-name <name>] [--save-mapping <name>] [--background]
  --dry-run         report what each row would do; write nothing
  --create-clients  create the clients rows name by client_email (and client_name) that do not exist
  --mapping         a JSON file: {"columns": {"<column>": "<field>"}, "date_format": "DD/MM/YYYY", "decimal_separator": ","}
  --mapping-name    a mapping saved before (with --save-mapping, the API or the console)
  --save-mapping    save the --mapping file's mapping under this name first, for later imports
  --background      upload the file and let the stack's processor import it as a job; show its progress`;

class UsageError extends Error {}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      "dry-run": { type: "boolean", default: false },
      "create-clients": { type: "boolean", default: false },
      mapping: { type: "string" },
      "mapping-name": { type: "string" },
      "save-mapping": { type: "string" },
      background: { type: "boolean", default: false },
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
  if (values["mapping-name"] && (values.mapping || values["save-mapping"])) throw new UsageError("Give --mapping-name, or --mapping (and perhaps --save-mapping), not both.");
  if (values["save-mapping"] && !values.mapping) throw new UsageError("--save-mapping saves the --mapping file: name one.");
  const file = basename(path);
  const dryRun = values["dry-run"];
  const createClients = values["create-clients"];
  await withContext({ actor: systemActor("import"), requestId: crypto.randomUUID() }, async () => {
    let mapping = values.mapping ? JSON.parse(readFileSync(values.mapping, "utf8")) : {};
    if (values["save-mapping"]) {
      await Import.Mappings.save(values["save-mapping"], mapping);
      console.log(`Mapping saved as "${values["save-mapping"]}".`);
    }
    if (values["mapping-name"]) mapping = (await Import.Mappings.get(values["mapping-name"])).mapping;
    console.log(`Importing ${file}${dryRun ? ", dry run: nothing is written" : ""}${values.background ? ", in the background" : ""}.`);
    const summary = values.background
      ? await inBackground(Import, path, { mapping, dryRun, createClients, mappingName: values["mapping-name"] })
      : await Import.run(createReadStream(path), { file, kind, digest: await Import.digestOf(createReadStream(path)), mapping, dryRun, createClients }, (report) => {
          const what = report.action === "refused" ? `refused: ${report.errors!.map((e) => e.message).join("; ")}` : `${report.action}${report.contract_id ? ` ${report.contract_id}` : ""}`;
          console.log(`row ${report.row}: ${what}${report.changes ? ` (${report.changes.join(", ")})` : ""}${report.creates_client ? " with a new client" : ""}`);
        });
    console.log(
      `${summary.rows} rows: ${summary.create} ${dryRun ? "to create" : "created"}, ${summary.update} ${dryRun ? "to update" : "updated"}, ` +
        `${summary.unchanged} unchanged, ${summary.refused} refused.${summary.ignored_columns.length ? ` Ignored columns: ${summary.ignored_columns.join(", ")}.` : ""}`,
    );
    if (summary.refused > 0) process.exitCode = 1;
  });
}

type ImportModule = typeof import("@testex/core").Import;

/** Uploads the file through a grant, starts a job, and shows its progress until it ends; its refused rows are listed. */
async function inBackground(Import: ImportModule, path: string, options: { mapping: unknown; dryRun: boolean; createClients: boolean; mappingName?: string }) {
  const size = statSync(path).size;
  const grant = await Import.Job.grantUpload({ filename: basename(path), size, sha256: await Import.digestOf(createReadStream(path)) });
  const put = await fetch(grant.upload.url, { method: grant.upload.method, headers: grant.upload.headers, body: Readable.toWeb(createReadStream(path)) as ReadableStream, duplex: "half" } as RequestInit);
  if (!put.ok) throw new Error(`The upload was refused: ${put.status} ${await put.text()}`);
  let job = await Import.Job.start({
    upload_id: grant.upload_id,
    ...(options.mappingName ? { mapping_name: options.mappingName } : { mapping: options.mapping as Parameters<ImportModule["Job"]["start"]>[0]["mapping"] }),
    dry_run: options.dryRun,
    create_clients: options.createClients,
  });
  console.log(`Import ${job.import_id} started; the stack's processor runs it (npm start, or the stage).`);
  let shown = "";
  while (job.status === "QUEUED" || job.status === "RUNNING") {
    await setTimeout(1000);
    job = await Import.Job.get(job.import_id);
    const line = `${job.status}: ${job.rows} rows done (${job.create} created, ${job.update} updated, ${job.unchanged} unchanged, ${job.refused} refused)`;
    if (line !== shown) console.log((shown = line));
  }
  if (job.status === "FAILED") throw new Error(`Import ${job.import_id} failed: ${job.error}`);
  let cursor: string | undefined;
  do {
    const page = await Import.Job.refusedRows(job.import_id, { limit: "100", cursor });
    for (const { row, errors } of page.items) console.log(`row ${row}: refused: ${errors.map((e) => e.message).join("; ")}`);
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  return job;
}

main().catch((error: unknown) => {
  console.error(error instanceof UsageError ? `${error.message}\n${USAGE}` : error instanceof Error ? error.message : String(error));
  process.exitCode = 2;
});
