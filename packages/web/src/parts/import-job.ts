import type { Schemas } from "@testex/client";

/** What an import's progress says, in words; the counts are the API's. */
type Job = Pick<Schemas["ImportJob"], "status" | "file" | "dry_run" | "rows" | "create" | "update" | "unchanged" | "refused" | "done_through" | "error">;

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** The job is still reading rows. */
export const running = (job: Pick<Job, "status">) => job.status === "QUEUED" || job.status === "RUNNING";

/** Rows a real run would write: the rows a check found to create or to update. */
export const toImport = (check: Pick<Job, "create" | "update">) => check.create + check.update;

/** Where a job is, while it runs: "12 of 60 rows done: 10 created, 1 updated, 1 refused." (a check says "to create"). */
export function progressLine(job: Job, total?: number): string {
  if (job.status === "QUEUED") return `Waiting to start on ${job.file}.`;
  const done = total === undefined ? plural(job.rows, "row") : `${job.rows} of ${plural(total, "row")}`;
  return `${done} done: ${counts(job)}.`;
}

/** How a job ended, said once it has: the outcome a person is taken to. */
export function outcome(job: Job): string {
  if (job.status === "FAILED")
    return `The ${job.dry_run ? "check" : "import"} of ${job.file} stopped after row ${job.done_through}: ${job.error ?? "it failed"}.`;
  if (job.dry_run) return `${job.file} checked, ${plural(job.rows, "row")}: ${counts(job)}. Nothing was written.`;
  return `${job.file} imported, ${plural(job.rows, "row")}: ${counts(job)}.`;
}

function counts(job: Job): string {
  const [create, update] = job.dry_run ? ["to create", "to update"] : ["created", "updated"];
  return `${job.create} ${create}, ${job.update} ${update}, ${job.unchanged} unchanged, ${job.refused} refused`;
}

/** Each refused row's errors as lines of a table: the row as the spreadsheet numbers it, the field, the API's words. */
export function refusedLines(rows: Schemas["ImportRefusedRow"][]): { row: number; field: string; message: string }[] {
  return rows.flatMap(({ row, errors }) => errors.map(({ path, message }) => ({ row, field: path || "(the row)", message })));
}
