import { afterEach, describe, expect, it, vi } from "vitest";
import { readManifest } from "@testex/core/backup/export";
import { backupsBucket } from "@testex/core/backup/bucket";
import { useOwnTable } from "#test/local";
import { handler } from "../src/db-manager";

// The export reads the whole table: a small one of this file's own, not everything the run wrote.
await useOwnTable("db-manager-test");

const context = { awsRequestId: "req-db-manager-test", functionName: "db-manager", getRemainingTimeInMillis: () => 300_000 };

describe("the database manager's scheduled run", () => {
  const level = process.env.LOG_LEVEL;
  afterEach(() => {
    vi.restoreAllMocks();
    process.env.LOG_LEVEL = level;
  });

  it("exports the table to the backups bucket and counts the export as metrics", async () => {
    process.env.LOG_LEVEL = "INFO";
    const stdout = vi.spyOn(process.stdout, "write");
    const result = await handler({}, context);

    expect(result.complete).toBe(true);
    const manifest = await readManifest(backupsBucket(), result.export_id);
    expect(manifest?.item_count).toBe(result.items);
    const lines = stdout.mock.calls.map(([line]) => String(line));
    expect(lines.some((l) => l.includes('"ExportCompleted":1') && l.includes('"_aws"'))).toBe(true);
    expect(lines.some((l) => l.includes("export complete") && l.includes('"request_id":"req-db-manager-test"') && l.includes('"actor":"system:db-manager"'))).toBe(true);
  });
});
