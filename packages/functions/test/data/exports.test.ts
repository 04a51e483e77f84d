import ExcelJS from "exceljs";
import { parse as parseCsv } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { Export } from "@testex/core";
import { app } from "@testex/functions/api/app";
import { openApiDocument } from "@testex/functions/api/openapi/document";
import { aClient, aContract } from "#test/fixtures";
import { call, documented, tokenFor } from "#test/api";
import { inDays, newContract } from "../termination/fixtures";

/** A download as bytes: `call` reads replies as text, which an XLSX is not. */
async function download(path: string, headers: Record<string, string> = {}) {
  const response = await app.request(path, { headers: { authorization: `Bearer ${await tokenFor("viewer")}`, ...headers } });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

const csvRows = (bytes: Buffer): Record<string, string>[] => parseCsv(bytes, { bom: true, columns: true });

async function xlsxRows(bytes: Buffer): Promise<Record<string, unknown>[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as never);
  const [header, ...rows] = workbook.worksheets[0]!.getSheetValues().filter(Boolean) as unknown[][];
  return rows.map((row) => Object.fromEntries(header!.flatMap((name, i) => (name ? [[String(name), row[i]]] : []))));
}

describe("exporting a list as a spreadsheet", () => {
  it("offers an export as a link when asked (the default on AWS, where a reply is at most 6 MB): a 303 to S3, which serves the same file under its name", async () => {
    const client = await aClient();
    await aContract(client.client_id, { title: "Linked" });
    const streamed = await download(`/api/contracts?client_id=${client.client_id}&format=xlsx`);
    const reply = await download(`/api/contracts?client_id=${client.client_id}&format=xlsx&delivery=link`);
    expect(reply.status).toBe(303);
    expect(reply.bytes).toHaveLength(0);
    const fetched = await fetch(reply.headers.get("location")!);
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get("content-disposition")).toMatch(/^attachment; filename="contracts-\d{4}-\d{2}-\d{2}\.xlsx"$/);
    expect(await xlsxRows(Buffer.from(await fetched.arrayBuffer()))).toEqual(await xlsxRows(streamed.bytes));
    expect(documented({ method: "GET", path: "/api/contracts", status: 303, headers: reply.headers, body: null }).status).toBe(303);
  });

  it("gives every contract a filter matches as CSV, across pages, with the API's field names as columns", async () => {
    const client = await aClient();
    const made: { contract_id: string }[] = [];
    for (let batch = 0; batch < 11; batch++) made.push(...(await Promise.all(Array.from({ length: 10 }, (_, i) => aContract(client.client_id, { title: `Support ${batch * 10 + i}` })))));
    const reply = await download(`/api/contracts?client_id=${client.client_id}&format=csv`);
    expect(reply.status).toBe(200);
    expect(reply.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(reply.headers.get("content-disposition")).toMatch(/^attachment; filename="contracts-\d{4}-\d{2}-\d{2}\.csv"$/);
    const rows = csvRows(reply.bytes);
    expect(rows.map((row) => row.contract_id).sort()).toEqual(made.map((c) => c.contract_id).sort());
    expect(Object.keys(rows[0]!)).toEqual(Export.TABLES.contracts.columns);
    expect(rows.find((row) => row.contract_id === made[0]!.contract_id)).toMatchObject({ title: "Support 0", value: "10000", end_date: "2027-01-01", status: "ACTIVE" });
  });

  it("answers Accept: text/csv with CSV, and a JSON page without it", async () => {
    const client = await aClient();
    await aContract(client.client_id);
    expect(csvRows((await download(`/api/contracts?client_id=${client.client_id}`, { accept: "text/csv" })).bytes)).toHaveLength(1);
    const json = documented(await call("GET", `/api/contracts?client_id=${client.client_id}`, { as: "viewer", headers: { accept: "application/json, text/csv" } }));
    expect(json.body.items).toHaveLength(1);
  });

  it("gives the same rows as an XLSX workbook, numbers as numbers", async () => {
    const client = await aClient();
    const contract = await aContract(client.client_id, { value: 1234.5 });
    const reply = await download(`/api/contracts?client_id=${client.client_id}`, { accept: Export.MEDIA_TYPES.xlsx });
    expect(reply.headers.get("content-type")).toBe(Export.MEDIA_TYPES.xlsx);
    expect(await xlsxRows(reply.bytes)).toEqual([expect.objectContaining({ contract_id: contract.contract_id, value: 1234.5, title: "Support and maintenance" })]);
  });

  it("writes a title starting with = behind an apostrophe in CSV and XLSX, so no spreadsheet runs it", async () => {
    const client = await aClient();
    await aContract(client.client_id, { title: '=HYPERLINK("http://evil.example","Click")' });
    const csv = await download(`/api/contracts?client_id=${client.client_id}&format=csv`);
    expect(csv.bytes.toString("utf8")).toContain(`"'=HYPERLINK(""http://evil.example"",""Click"")"`);
    const [row] = await xlsxRows((await download(`/api/contracts?client_id=${client.client_id}&format=xlsx`)).bytes);
    expect(row!.title).toBe(`'=HYPERLINK("http://evil.example","Click")`);
  });

  it.each(["+1", "-1", "@SUM(A1)", "\tx", "\rx"])("neutralises text starting with %j, and an import reads it back as it was", (text) => {
    expect(Export.neutralise(text)).toBe(`'${text}`);
    expect(Export.restore(Export.neutralise(text))).toBe(text);
    expect(Export.neutralise("Support")).toBe("Support");
  });

  it("exports clients, and the one client an e-mail finds", async () => {
    const client = await aClient();
    const rows = csvRows((await download(`/api/clients?email=${encodeURIComponent(client.email)}&format=csv`)).bytes);
    expect(rows).toEqual([expect.objectContaining({ client_id: client.client_id, email: client.email, name: client.name })]);
  });

  it("exports a contract's audit trail, newest first, the images as JSON", async () => {
    const client = await aClient();
    const contract = await aContract(client.client_id);
    const updated = await call("PUT", `/api/contracts/${contract.contract_id}`, { as: "editor", body: { value: 12_000, version: 1 } });
    expect(updated.status).toBe(200);
    const rows = csvRows((await download(`/api/contracts/${contract.contract_id}/audit?format=csv`)).bytes);
    expect(rows.map((row) => row.action)).toEqual(["contract.updated", "contract.created"]);
    expect(JSON.parse(rows[0]!.after!)).toMatchObject({ value: 12_000 });
  });

  it("exports the terminations a report counts, one a row", async () => {
    const { contractId } = await newContract();
    const requested = await call("POST", `/api/contracts/${contractId}/termination`, { as: "editor", body: { reason: "CONVENIENCE", effective_date: inDays(60) } });
    expect(requested.status).toBe(201);
    const rows = csvRows((await download(`/api/reports/terminations?from=${inDays(60)}&to=${inDays(60)}&format=csv`)).bytes);
    expect(rows).toContainEqual(expect.objectContaining({ contract_id: contractId, reason: "CONVENIENCE", effective_date: inDays(60) }));
  });

  it("refuses an unknown format, and a bad filter, with 422 before any download starts", async () => {
    const format = documented(await call("GET", "/api/contracts?format=pdf", { as: "viewer" }));
    expect(format.status).toBe(422);
    expect(format.body.errors).toEqual([expect.objectContaining({ path: "format" })]);
    const filter = documented(await call("GET", "/api/contracts?ending_after=2027-01-01&ending_before=2026-01-01&format=csv", { as: "viewer" }));
    expect(filter.status).toBe(422);
    const report = documented(await call("GET", "/api/reports/terminations?from=2027-01-02&to=2027-01-01&format=xlsx", { as: "viewer" }));
    expect(report.status).toBe(422);
  });

  it("is stated in the API document: CSV and XLSX beside JSON for every list that exports", () => {
    const paths = openApiDocument(app).paths as Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>>;
    for (const path of ["/api/contracts", "/api/clients", "/api/contracts/{id}/audit", "/api/reports/terminations"]) {
      expect(Object.keys(paths[path]!.get!.responses["200"]!.content!), path).toEqual(["application/json", "text/csv", Export.MEDIA_TYPES.xlsx]);
    }
  });
});
