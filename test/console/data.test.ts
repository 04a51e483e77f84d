import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { call } from "#test/api";
import { uniqueEmail } from "#test/fixtures";
import { processUntilSettled } from "../../packages/functions/test/data/fixtures";
import { checkScreen, focused, pageWidth, personAt, withConsole, type Console } from "./harness";
import { poll } from "./steps";


/** A fresh client, made through the API. */
async function aClient(name: string) {
  const client = await call("POST", "/api/clients", {
    as: "editor",
    body: { name, email: uniqueEmail("data") },
  });
  expect(client.status).toBe(201);
  return client.body.client_id as string;
}

/** A spreadsheet of three contracts of the client, the second without a title. */
function threeRows(clientId: string, ref: string, titles: [string, string]) {
  return [
    "external_ref,client_id,title,contract_type,start_date,end_date,value",
    `${ref}-1,${clientId},${titles[0]},SERVICE,2026-01-01,2027-12-31,1200`,
    `${ref}-2,${clientId},,SERVICE,2026-01-01,2027-12-31,800`,
    `${ref}-3,${clientId},${titles[1]},SERVICE,2026-01-01,2027-12-31,950`,
  ].join("\n");
}

/** Does `act` on the page, and lets the processor run the import job it starts, as the local stack's worker would. */
async function runningTheJob(page: Page, act: () => Promise<void>) {
  const started = page.waitForResponse((response) => response.request().method() === "POST" && new URL(response.url()).pathname === "/api/imports");
  await act();
  const job = await (await started).json();
  await processUntilSettled(job.import_id);
}

// The browser uploads a spreadsheet straight to the files bucket, which lets browsers in from the stack's
// console address only: this file serves its console there.
describe("getting contracts in and out through the console", () => {
  let site: Console;
  withConsole("stack", (started) => (site = started));

  it("checks a spreadsheet, naming the refused row and field, then imports the rest after saying what will happen", async () => {
    const clientId = await aClient("Import Ltd");
    const titles: [string, string] = [`Cleaning ${Date.now()}`, `Security ${Date.now()}`];
    const ed = await personAt(site, "ed", "/contracts");
    await ed.getByRole("link", { name: "Import contracts" }).click();
    await poll(() => ed.getByRole("heading", { level: 1 }).textContent()).toBe("Import contracts");

    await ed.getByLabel("Spreadsheet (CSV or XLSX)").setInputFiles({
      name: "contracts-2026.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(threeRows(clientId, `ui-${Date.now()}`, titles)),
    });
    await poll(() => ed.getByText("contracts-2026.csv is uploaded.").count()).toBe(1);
    await runningTheJob(ed, () => ed.getByRole("button", { name: "Check file" }).click());

    await poll(() => focused(ed)).toEqual({
      id: "result",
      text: "contracts-2026.csv checked, 3 rows: 2 to create, 0 to update, 0 unchanged, 1 refused. Nothing was written.",
    });
    const refused = ed.getByRole("table", { name: "Refused rows" });
    await poll(() => refused.getByRole("row").allTextContents()).toEqual(["RowFieldError", "3titletitle is required"]);
    expect(
      (
        await call("GET", `/api/contracts?client_id=${clientId}`, {
          as: "viewer",
        })
      ).body.items,
    ).toEqual([]);
    await checkScreen(ed, "import-check");

    await ed.getByRole("button", { name: "Import 2 rows" }).click();
    const dialog = ed.getByRole("dialog", {
      name: "Import contracts-2026.csv?",
    });
    await poll(() => dialog.textContent()).toContain("This creates 2 contracts and updates 0, as the check found; the 1 refused row is left out");
    await runningTheJob(ed, () => dialog.getByRole("button", { name: "Import the rows" }).click());

    await poll(() => focused(ed)).toEqual({
      id: "result",
      text: "contracts-2026.csv imported, 3 rows: 2 created, 0 updated, 0 unchanged, 1 refused.",
    });
    await checkScreen(ed, "import-done");
    await ed.goto(`${site.url}/contracts?client_id=${clientId}`);
    const table = ed.getByRole("table", { name: "Contracts" });
    await poll(async () => (await table.getByRole("link").allTextContents()).sort()).toEqual([...titles].sort());
  });

  it("downloads the contracts list as CSV with exactly the rows its filters show", async () => {
    const clientId = await aClient("Export Ltd");
    const other = await aClient("Other Ltd");
    const contract = (client_id: string, title: string) =>
      call("POST", "/api/contracts", {
        as: "editor",
        body: {
          client_id,
          title,
          contract_type: "SERVICE",
          start_date: "2026-01-01",
          end_date: "2030-12-31",
          value: 900,
        },
      });
    await contract(clientId, "Catering");
    await contract(clientId, "=1+1");
    await contract(other, "Not this one");

    const ed = await personAt(site, "ed", `/contracts?client_id=${clientId}`);
    await poll(() => ed.getByRole("table", { name: "Contracts" }).getByRole("link").count()).toBe(2);
    const exports = ed.getByRole("group", { name: "Export these contracts" });
    const [download] = await Promise.all([ed.waitForEvent("download"), exports.getByRole("button", { name: "Download CSV" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^contracts-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = readFileSync((await download.path())!, "utf8")
      .trim()
      .split(/\r?\n/);
    expect(lines).toHaveLength(3);
    expect(lines.slice(1).map((line) => line.includes(clientId))).toEqual([true, true]);
    expect(lines.join("\n")).toContain("Catering");
    expect(lines.join("\n")).toContain("'=1+1");
    expect(lines.join("\n")).not.toContain("Not this one");
    await poll(async () => (await focused(ed)).text).toMatch(/^contracts-.*\.csv was downloaded\.$/);

    const [xlsx] = await Promise.all([ed.waitForEvent("download"), exports.getByRole("button", { name: "Download XLSX" }).click()]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(
      readFileSync((await xlsx.path())!)
        .subarray(0, 2)
        .toString(),
    ).toBe("PK");
  });

  it("fits the import screen into a phone's 390 px without sideways scrolling, and passes axe there", async () => {
    const ed = await personAt(site, "ed", "/contracts/import");
    await ed.setViewportSize({ width: 390, height: 844 });
    await poll(() => ed.getByRole("heading", { level: 1 }).textContent()).toBe("Import contracts");
    expect(await pageWidth(ed)).toBe(390);
    await checkScreen(ed, "phone-import");
  });
});
