/** Lists as spreadsheets: CSV and XLSX written as the rows are read, with formula-like text neutralised. */
import * as Audit from "../audit";
import * as Client from "../client";
import * as Contract from "../contract";
import { Termination } from "../termination/schemas";
import { tableOf } from "./table";

export { csvLines } from "./csv";
export { xlsxStream } from "./xlsx";
export { everyItem } from "./pages";
export { terminationsEffective } from "./terminations";
export { asDownload } from "./download";
export { FORMATS, MEDIA_TYPES, formatAccepted, type Format } from "./format";
export { neutralise, restore } from "./formula";
export type { Table } from "./table";

export const TABLES = {
  contracts: tableOf("contracts", Contract.Contract),
  clients: tableOf("clients", Client.Client),
  terminations: tableOf("terminations", Termination),
  audit: tableOf("audit", Audit.AuditEntry),
};
