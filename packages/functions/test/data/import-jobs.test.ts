import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { Import, Outbox, systemActor } from "@testex/core";
import { aClient, as } from "#test/fixtures";
import { call, documented } from "#test/api";
import { processUntilSettled } from "./fixtures";

const HEADER = "external_ref,client_id,title,contract_type,start_date,end_date,value";

/** A CSV of `rows` contracts of one client; the rows named in `bad` have no title. */
function csvOf(clientId: string, ref: string, rows: number, bad: number[] = []): Buffer {
  const lines = [HEADER];
  for (let row = 2; row <= rows + 1; row++) lines.push(`${ref}-${row},${clientId},${bad.includes(row) ? "" : `Service ${row}`},SERVICE,2026-01-01,2027-12-31,${row}`);
  return Buffer.from(lines.join("\n"));
}

/** Grants an upload and sends the file with the granted PUT, as the CLI and the console do; the upload's id. */
async function upload(filename: string, bytes: Buffer): Promise<string> {
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const grant = documented(await call("POST", "/api/imports/uploads", { as: "editor", body: { filename, size: bytes.length, sha256 } }));
  expect(grant.status).toBe(201);
  const put = await fetch(grant.body.upload.url, { method: grant.body.upload.method, headers: grant.body.upload.headers, body: bytes });
  expect(put.status).toBe(200);
  return grant.body.upload_id;
}

const start = async (body: Record<string, unknown>) => documented(await call("POST", "/api/imports", { as: "editor", body }));
const progressOf = async (id: string) => documented(await call("GET", `/api/imports/${id}`, { as: "viewer" })).body;

describe("a large import through an upload and a background job", () => {
  it("imports an uploaded file in the processor, reports progress and lists each refused row with its field", async () => {
    const client = await aClient();
    const id = await upload("contracts-2026.csv", csvOf(client.client_id, `job-${Date.now()}`, 60, [7, 42]));

    const started = await start({ upload_id: id });
    expect(started.status).toBe(202);
    expect(started.headers.get("location")).toBe(`/api/imports/${started.body.import_id}`);
    expect(started.body).toMatchObject({ status: "QUEUED", rows: 0, file: "contracts-2026.csv", created_by: "user-editor" });

    await processUntilSettled(started.body.import_id);
    expect(await progressOf(started.body.import_id)).toMatchObject({ status: "DONE", rows: 60, create: 58, refused: 2, done_through: 61 });
    const refused = documented(await call("GET", `/api/imports/${started.body.import_id}/refused`, { as: "viewer" }));
    expect(refused.body.items).toEqual([
      { row: 7, errors: [{ path: "title", message: "title is required" }] },
      { row: 42, errors: [{ path: "title", message: "title is required" }] },
    ]);
    const contracts = documented(await call("GET", `/api/contracts?client_id=${client.client_id}&limit=100`, { as: "viewer" }));
    // The rows are the person's who started the import, not the worker's.
    expect(contracts.body.items).toHaveLength(58);
    expect(contracts.body.items[0]).toMatchObject({ owner_id: "user-editor" });
  });

  it("continues chunk after chunk from the last row done, and a repeated chunk does nothing twice", async () => {
    const client = await aClient();
    const id = await upload("contracts.csv", csvOf(client.client_id, `chunks-${Date.now()}`, 50));
    const { import_id } = (await start({ upload_id: id, dry_run: false })).body;
    const advance = (chunk: number) => as(systemActor("processor"), () => Import.Job.advance(import_id, chunk, { rows: 20, seconds: 60 }));

    await advance(0);
    expect(await progressOf(import_id)).toMatchObject({ status: "RUNNING", rows: 20, create: 20, done_through: 21 });
    await advance(0);
    expect(await progressOf(import_id)).toMatchObject({ rows: 20, done_through: 21 });
    await advance(1);
    await advance(2);
    expect(await progressOf(import_id)).toMatchObject({ status: "DONE", rows: 50, create: 50, unchanged: 0, done_through: 51 });
    // Each chunk but the last wrote the event for the next one.
    expect((await Outbox.byContract(`import:${import_id}`)).map((event) => event.type)).toEqual(["import.advance", "import.advance", "import.advance"]);
  });

  it("plans an uploaded file in a dry run, with a saved mapping, and writes no contract", async () => {
    const client = await aClient();
    const saved = documented(
      await call("PUT", "/api/import-mappings/Kunden CSV", { as: "editor", body: { columns: { Titel: "title", Kunde: "client_id" }, date_format: "DD.MM.YYYY" } }),
    );
    expect(saved.status).toBe(201);
    const csv = Buffer.from(`Kunde,Titel,contract_type,start_date,end_date,value\n${client.client_id},Reinigung,SERVICE,01.02.2026,31.01.2027,100\n`);
    const { import_id } = (await start({ upload_id: await upload("kunden.csv", csv), mapping_name: "Kunden CSV", dry_run: true })).body;
    await processUntilSettled(import_id);
    expect(documented(await call("GET", `/api/imports/${import_id}/refused`, { as: "viewer" })).body.items).toEqual([]);
    expect(await progressOf(import_id)).toMatchObject({ status: "DONE", dry_run: true, mapping_name: "Kunden CSV", rows: 1, create: 1, refused: 0 });
    expect(documented(await call("GET", `/api/contracts?client_id=${client.client_id}`, { as: "viewer" })).body.items).toEqual([]);
  });

  it("ends a job whose file cannot be read as FAILED, saying why", async () => {
    const { import_id } = (await start({ upload_id: await upload("broken.xlsx", Buffer.from("not,a,workbook")) })).body;
    await processUntilSettled(import_id);
    expect(await progressOf(import_id)).toMatchObject({ status: "FAILED", error: expect.stringContaining("broken.xlsx cannot be read as XLSX") });
  });

  it("refuses to start an import of a file that was granted but never sent, with 409", async () => {
    const grant = documented(await call("POST", "/api/imports/uploads", { as: "editor", body: { filename: "late.csv", size: 10, sha256: "a".repeat(64) } }));
    expect((await start({ upload_id: grant.body.upload_id })).body).toMatchObject({ status: 409, code: "import.upload_missing" });
  });

  it("refuses an upload that is neither CSV nor XLSX, or too large, with 422 naming the field", async () => {
    const reply = documented(await call("POST", "/api/imports/uploads", { as: "editor", body: { filename: "contracts.pdf", size: 1e12, sha256: "a".repeat(64) } }));
    expect(reply.status).toBe(422);
    expect(reply.body.errors.map((error: { path: string }) => error.path).sort()).toEqual(["filename", "size"]);
  });

  it("answers 404 for an import or an upload that does not exist", async () => {
    expect(documented(await call("GET", "/api/imports/IMNOSUCHJOB000", { as: "viewer" })).status).toBe(404);
    expect((await start({ upload_id: "UPNOSUCHUPLOAD0" })).body).toMatchObject({ status: 404, code: "import_upload.not_found" });
  });
});

describe("saved mappings", () => {
  it("are saved by name, listed, used by a direct import, and deleted", async () => {
    const name = `Mapping ${Date.now()}`;
    const path = `/api/import-mappings/${encodeURIComponent(name)}`;
    expect(documented(await call("PUT", path, { as: "editor", body: { columns: { Titel: "title" } } })).status).toBe(201);
    const replaced = documented(await call("PUT", path, { as: "editor", body: { columns: { Bezeichnung: "title" }, decimal_separator: "," } }));
    expect(replaced.status).toBe(200);
    expect(replaced.body.mapping).toEqual({ columns: { Bezeichnung: "title" }, date_format: "YYYY-MM-DD", decimal_separator: "," });
    const listed = documented(await call("GET", "/api/import-mappings", { as: "viewer" })).body.items;
    expect(listed.map((m: { name: string }) => m.name)).toContain(name);

    const client = await aClient();
    const csv = `client_id,Bezeichnung,contract_type,start_date,end_date,value\n${client.client_id},Reinigung,SERVICE,2026-01-01,2026-12-31,"1.234,5"\n`;
    const direct = documented(await call("POST", `/api/imports?${new URLSearchParams({ filename: "a.csv", mapping_name: name, dry_run: "true" })}`, { as: "editor", raw: csv, headers: { "content-type": "text/csv" } }));
    expect(direct.body).toMatchObject({ create: 1, refused: 0 });

    expect(documented(await call("DELETE", path, { as: "editor" })).status).toBe(204);
    expect(documented(await call("GET", path, { as: "viewer" })).body).toMatchObject({ status: 404, code: "import_mapping.not_found" });
  });

  it("refuses a mapping naming a field the API does not have, with 422", async () => {
    const reply = documented(await call("PUT", "/api/import-mappings/bad", { as: "editor", body: { columns: { Titel: "headline" } } }));
    expect(reply.status).toBe(422);
  });
});
