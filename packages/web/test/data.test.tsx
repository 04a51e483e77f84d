// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { exportFilename } from "../src/parts/export";
import { outcome, progressLine, refusedLines, running, toImport } from "../src/parts/import-job";
import { exportQuery } from "../src/screens/contracts";

const none = { status: "" as const, client_id: "", ending_after: "", ending_before: "", deadline_before: "" };
const job = {
  status: "RUNNING" as const,
  file: "contracts-2026.csv",
  dry_run: false,
  rows: 12,
  create: 10,
  update: 1,
  unchanged: 0,
  refused: 1,
  done_through: 13,
};

describe("exports", () => {
  it("export exactly the list's filters, every row rather than a page", () => {
    expect(exportQuery({ ...none, status: "EXPIRED", client_id: "CL0001" })).toEqual({ status: "EXPIRED", client_id: "CL0001" });
    expect(exportQuery({ ...none, deadline_before: "2027-01-31" })).toEqual({ notice_deadline_before: "2027-01-31" });
  });

  it("are saved under the name the API gives, else the list's name and today's date", () => {
    expect(
      exportFilename(new Response(null, { headers: { "content-disposition": 'attachment; filename="contracts-2026-12-07.xlsx"' } }), "contracts", "xlsx"),
    ).toBe("contracts-2026-12-07.xlsx");
    expect(exportFilename(new Response(null), "audit", "csv")).toMatch(/^audit-\d{4}-\d{2}-\d{2}\.csv$/);
  });
});

describe("an import's progress", () => {
  it("counts rows done against the rows the check found, while the job runs", () => {
    expect(running(job)).toBe(true);
    expect(progressLine(job, 60)).toBe("12 of 60 rows done: 10 created, 1 updated, 0 unchanged, 1 refused.");
    expect(progressLine({ ...job, status: "QUEUED", rows: 0 })).toBe("Waiting to start on contracts-2026.csv.");
  });

  it("says what a check found would happen, and that nothing was written", () => {
    const check = { ...job, status: "DONE" as const, dry_run: true, rows: 3, create: 1, update: 1, refused: 1 };
    expect(running(check)).toBe(false);
    expect(outcome(check)).toBe("contracts-2026.csv checked, 3 rows: 1 to create, 1 to update, 0 unchanged, 1 refused. Nothing was written.");
    expect(toImport(check)).toBe(2);
  });

  it("says where a failed job stopped and why", () => {
    expect(outcome({ ...job, status: "FAILED", done_through: 13, error: "the file could not be read" })).toBe(
      "The import of contracts-2026.csv stopped after row 13: the file could not be read.",
    );
  });

  it("lists each refused field on its own line, in the API's words, numbered as the spreadsheet numbers rows", () => {
    expect(
      refusedLines([
        { row: 3, errors: [{ path: "title", message: "title is required" }] },
        {
          row: 4,
          errors: [
            { path: "end_date", message: "end_date: must not be before start_date" },
            { path: "value", message: "value is required" },
          ],
        },
      ]),
    ).toEqual([
      { row: 3, field: "title", message: "title is required" },
      { row: 4, field: "end_date", message: "end_date: must not be before start_date" },
      { row: 4, field: "value", message: "value is required" },
    ]);
  });
});
