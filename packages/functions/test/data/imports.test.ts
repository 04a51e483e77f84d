import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { parse as parseCsv } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { Audit, Export } from "@testex/core";
import { app } from "@testex/functions/api/app";
import { aClient, aContract, uniqueEmail } from "#test/fixtures";
import { call, documented, tokenFor } from "#test/api";

const HEADER = "external_ref,client_id,title,contract_type,start_date,end_date,value";

/** Sends a file to the import route as a person's tool would. */
async function importFile(filename: string, body: string | Buffer, query: Record<string, string> = {}) {
  const type = filename.endsWith(".csv") ? "text/csv" : Export.MEDIA_TYPES.xlsx;
  const params = new URLSearchParams({ filename, ...query });
  return documented(await call("POST", `/api/imports?${params}`, { as: "editor", raw: typeof body === "string" ? body : new Uint8Array(body), headers: { "content-type": type } }));
}

/** Every contract of a client, through the export (every row, not a page). */
async function contractsOf(clientId: string): Promise<Record<string, string>[]> {
  const response = await app.request(`/api/contracts?client_id=${clientId}&format=csv`, { headers: { authorization: `Bearer ${await tokenFor("viewer")}` } });
  return parseCsv(Buffer.from(await response.arrayBuffer()), { bom: true, columns: true });
}

/** 2,000 rows, five of them wrong in one field each: the rows (as a spreadsheet numbers them, header = 1) and the field. */
const BAD: Record<number, [string, string]> = {
  11: ["title", ""],
  501: ["value", "lots"],
  1001: ["start_date", "2026-02-30"],
  1501: ["contract_type", "SPACESHIP"],
  1999: ["end_date", "2025-12-31"],
};

function bigCsv(clientId: string, ref: string): string {
  const lines = [HEADER];
  for (let row = 2; row <= 2001; row++) {
    const cells: Record<string, string> = { external_ref: `${ref}-${row}`, client_id: clientId, title: `Service ${row}`, contract_type: "SERVICE", start_date: "2026-01-01", end_date: "2027-12-31", value: String(row * 10) };
    const bad = BAD[row];
    if (bad) cells[bad[0]] = bad[1];
    lines.push(HEADER.split(",").map((column) => cells[column]).join(","));
  }
  return lines.join("\n");
}

describe("importing contracts from a spreadsheet", () => {
  it("plans 2,000 rows in a dry run naming exactly the 5 bad rows and fields, creates 1,995 once, and the same file again creates nothing", async () => {
    const client = await aClient();
    const csv = bigCsv(client.client_id, `big-${Date.now()}`);

    const dry = await importFile("contracts-2026.csv", csv, { dry_run: "true" });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ rows: 2000, create: 1995, refused: 5, update: 0, unchanged: 0, dry_run: true });
    expect(dry.body.items).toHaveLength(2000);
    const refused = dry.body.items.filter((item: { action: string }) => item.action === "refused");
    expect(refused.map((item: { row: number; errors: { path: string }[] }) => [item.row, item.errors.map((e) => e.path)])).toEqual(
      Object.entries(BAD).map(([row, [field]]) => [Number(row), [field]]),
    );
    expect(refused[0].errors[0].message).toBe("title is required");
    expect(await contractsOf(client.client_id)).toEqual([]);

    const real = await importFile("contracts-2026.csv", csv);
    expect(real.body).toMatchObject({ rows: 2000, create: 1995, refused: 5 });
    expect(await contractsOf(client.client_id)).toHaveLength(1995);

    const again = await importFile("contracts-2026.csv", csv);
    expect(again.body).toMatchObject({ create: 0, update: 0, unchanged: 1995, refused: 5 });
    expect(await contractsOf(client.client_id)).toHaveLength(1995);
    // 6,000 rows read against the real local table: this only catches a hang, even on a loaded machine.
  }, 600_000);

  it("audits each imported row on its contract with the file and the row", async () => {
    const client = await aClient();
    const reply = await importFile("contracts-2026.csv", `${HEADER}\nrow-a-${Date.now()},${client.client_id},Cleaning,SERVICE,2026-01-01,2026-12-31,100\n`);
    const [item] = reply.body.items;
    expect(item).toMatchObject({ row: 2, action: "create" });
    const trail = await Audit.trail(item.contract_id, { limit: 10 });
    // One change, one entry: the contract's creation says where it came from.
    expect(trail.items.map((entry) => entry.action)).toEqual(["contract.created"]);
    expect(trail.items[0]!.after).toMatchObject({ contract_id: item.contract_id, imported_from: { file: "contracts-2026.csv", row: 2 } });
  });

  it("creates the rows beside one whose client is inactive, and refuses that one in the words of the API", async () => {
    const active = await aClient();
    const inactive = await aClient(undefined, { status: "INACTIVE" });
    const ref = `mixed-${Date.now()}`;
    const rows = [active, inactive, active].map((client, i) => `${ref}-${i},${client.client_id},Cleaning,SERVICE,2026-01-01,2026-12-31,100`);
    const reply = await importFile("mixed.csv", [HEADER, ...rows].join("\n"));
    expect(reply.body.items.map((item: { action: string }) => item.action)).toEqual(["create", "refused", "create"]);
    expect(reply.body.items[1].errors).toEqual([{ path: "", message: `Client ${inactive.client_id} is INACTIVE; contracts can be added to ACTIVE clients only.` }]);
    expect(await contractsOf(active.client_id)).toHaveLength(2);
  });

  it("creates the contract of an external reference a file names twice once, and updates it with the later row", async () => {
    const client = await aClient();
    const ref = `twice-${Date.now()}`;
    const reply = await importFile("twice.csv", `${HEADER}\n${ref},${client.client_id},Cleaning,SERVICE,2026-01-01,2026-12-31,100\n${ref},${client.client_id},Cleaning,SERVICE,2026-01-01,2026-12-31,250\n`);
    expect(reply.body.items).toEqual([expect.objectContaining({ action: "create" }), expect.objectContaining({ action: "update", changes: ["value"] })]);
    expect((await contractsOf(client.client_id)).map((row) => row.value)).toEqual(["250"]);
  });

  it("updates the contract a row's external reference was imported as, with only the fields that changed", async () => {
    const client = await aClient();
    const ref = `upd-${Date.now()}`;
    await importFile("a.csv", `${HEADER}\n${ref},${client.client_id},Cleaning,SERVICE,2026-01-01,2026-12-31,100\n`);
    const reply = await importFile("b.csv", `${HEADER}\n${ref},${client.client_id},Cleaning,SERVICE,2026-01-01,2026-12-31,250\n`);
    expect(reply.body.items).toEqual([expect.objectContaining({ action: "update", changes: ["value"] })]);
    expect((await contractsOf(client.client_id)).map((row) => row.value)).toEqual(["250"]);
  });

  it("reports every row of a re-imported export as unchanged", async () => {
    const client = await aClient();
    await aContract(client.client_id, { title: "=1+1" });
    await aContract(client.client_id, { title: "Évora, \"quoted\"", value: 1234.56, renewal: "AUTO", renewal_term_months: 12 });
    await aContract(client.client_id, { renewal: "EVERGREEN", end_date: undefined });
    const exported = await app.request(`/api/contracts?client_id=${client.client_id}&format=csv`, { headers: { authorization: `Bearer ${await tokenFor("viewer")}` } });
    const reply = await importFile("contracts-export.csv", Buffer.from(await exported.arrayBuffer()), { dry_run: "true" });
    expect(reply.body.items.map((item: { action: string }) => item.action)).toEqual(["unchanged", "unchanged", "unchanged"]);
    expect(reply.body.ignored_columns).toEqual(expect.arrayContaining(["status", "version", "notice_deadline"]));
  });

  it("reads an XLSX whose dates are Excel serial numbers", async () => {
    const client = await aClient();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("contracts");
    sheet.addRow(["client_id", "title", "contract_type", "start_date", "end_date", "value"]);
    // 46023 is 2026-01-01 and 46387 is 2026-12-31 in Excel's day count.
    sheet.addRow([client.client_id, "Cleaning", "SERVICE", 46023, 46387, 1500.5]);
    const reply = await importFile("contracts.xlsx", Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(reply.body).toMatchObject({ create: 1, refused: 0 });
    expect(await contractsOf(client.client_id)).toEqual([expect.objectContaining({ start_date: "2026-01-01", end_date: "2026-12-31", value: "1500.5" })]);
  });

  it("maps the file's own column names, dates and decimal commas, and creates the clients it names by e-mail when asked", async () => {
    const email = uniqueEmail("imported");
    const csv = `Kunde;Name;Titel;Art;Beginn;Ende;Wert\n${email};Neu GmbH;Reinigung;SERVICE;01.02.2026;31.01.2027;"1.234,50"\n`.replaceAll(";", ",");
    const query = {
      columns: JSON.stringify({ Kunde: "client_email", Name: "client_name", Titel: "title", Art: "contract_type", Beginn: "start_date", Ende: "end_date", Wert: "value" }),
      date_format: "DD.MM.YYYY",
      decimal_separator: ",",
    };
    const refused = await importFile("kunden.csv", csv, query);
    expect(refused.body.items[0].errors).toEqual([{ path: "client_email", message: expect.stringContaining(`no client has e-mail ${email}`) }]);
    const dry = await importFile("kunden.csv", csv, { ...query, create_clients: "true", dry_run: "true" });
    expect(dry.body.items).toEqual([expect.objectContaining({ action: "create", creates_client: true })]);
    const real = await importFile("kunden.csv", csv, { ...query, create_clients: "true" });
    const client = (await call("GET", `/api/clients?email=${encodeURIComponent(email)}`, { as: "viewer" })).body.items[0];
    expect(client).toMatchObject({ name: "Neu GmbH" });
    expect(await contractsOf(client.client_id)).toEqual([
      expect.objectContaining({ contract_id: real.body.items[0].contract_id, title: "Reinigung", start_date: "2026-02-01", end_date: "2027-01-31", value: "1234.5" }),
    ]);
  });

  it("refuses a body that is neither CSV, XLSX nor JSON naming an upload with 415", async () => {
    const reply = documented(await call("POST", "/api/imports?filename=contracts.txt", { as: "editor", raw: "title\nx\n", headers: { "content-type": "text/plain" } }));
    expect(reply.status).toBe(415);
  });

  it("refuses a file that is not what its media type says with 400, naming it", async () => {
    expect((await importFile("contracts.xlsx", "not,a,workbook")).body).toMatchObject({ status: 400, code: "request.malformed" });
    const csv = await importFile("contracts.csv", 'title,value\n"unclosed,1\n');
    expect(csv.body).toMatchObject({ status: 400, code: "request.malformed", detail: expect.stringContaining("contracts.csv") });
  });
});

const cli = fileURLToPath(new URL("../../../local/src/import-cli.ts", import.meta.url));
const killedMidway = fileURLToPath(new URL("./fixtures/import-killed-midway.ts", import.meta.url));
// Node itself with tsx's loader (not the tsx wrapper, whose child would outlive a kill of it).
const importCli = (file: string, stdio: "pipe" | "inherit", preload: string[] = [], env: NodeJS.ProcessEnv = {}) =>
  spawn(process.execPath, ["--import", "tsx/esm", ...preload, cli, file], { env: { ...process.env, LOG_LEVEL: "ERROR", ...env }, stdio: ["ignore", "pipe", stdio] });

describe("npm run import", () => {
  it("resumes an import killed midway without creating any row twice", async () => {
    const client = await aClient();
    const dir = mkdtempSync(join(tmpdir(), "testex-import-"));
    const file = join(dir, "contracts-2026.csv");
    const rows = 400;
    // No external reference: rows are known by the file's digest and their number.
    writeFileSync(file, ["client_id,title,contract_type,start_date,end_date,value", ...Array.from({ length: rows }, (_, i) => `${client.client_id},Line ${i},SERVICE,2026-01-01,2026-12-31,${i + 1}`)].join("\n"));
    const killedAfter = 40;
    const child = importCli(file, "inherit", ["--import", killedMidway], { KILL_AFTER_CREATED: String(killedAfter) });
    child.stdout!.resume();
    const [, signal] = (await once(child, "exit")) as [number | null, NodeJS.Signals | null];
    expect(signal).toBe("SIGKILL");
    const before = (await contractsOf(client.client_id)).length;
    expect(before).toBeGreaterThanOrEqual(killedAfter);
    expect(before).toBeLessThan(rows);

    const again = await new Promise<string>((resolve, reject) => {
      const rerun = importCli(file, "inherit");
      let out = "";
      rerun.stdout!.on("data", (chunk) => (out += chunk));
      rerun.once("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}\n${out}`))));
    });
    // Writes the killed run had sent may land a moment after it died: they count as done, never twice.
    const [, created, unchanged] = /(\d+) rows: (\d+) created, 0 updated, (\d+) unchanged, 0 refused\./.exec(again)!.slice(1).map(Number) as [number, number, number];
    expect(created + unchanged).toBe(rows);
    expect(unchanged).toBeGreaterThanOrEqual(before);
    const after = await contractsOf(client.client_id);
    expect(after).toHaveLength(rows);
    expect(new Set(after.map((row) => row.title)).size).toBe(rows);
  });
});
