import type * as v from "valibot";

/** A list as a spreadsheet: its name (the sheet's and the file's) and its columns, the API's field names in the API's order. */
export interface Table {
  name: string;
  columns: readonly string[];
}

/** The table of a resource: one column per field of its schema, so an export reads like the API and re-imports by the same names. */
export const tableOf = (name: string, schema: v.ObjectSchema<v.ObjectEntries, undefined>): Table => ({ name, columns: Object.keys(schema.entries) });

export type Cell = string | number | boolean | undefined;

/** One row's cells, in the table's column order; lists and objects (an audit entry's images, a termination's decisions) as JSON. */
export const cellsOf = (table: Table, row: Record<string, unknown>): Cell[] =>
  table.columns.map((column) => {
    const value = row[column];
    if (value === undefined || value === null) return undefined;
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
    return JSON.stringify(value);
  });
