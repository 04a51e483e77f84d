import { describe, expect, it } from "vitest";
import { Resource } from "sst";
import { checkHealth } from "./health";

describe("health", () => {
  it("is ok when the table, every bucket and mail answer", async () => {
    expect(await checkHealth()).toEqual({
      status: "ok",
      checks: { table: "ok", files: "ok", archives: "ok", backups: "ok", mail: "ok" },
    });
  });

  it("is degraded, naming the check, when a bucket is missing", async () => {
    const health = await checkHealth(undefined, {
      table: () => Resource.Table.name,
      files: () => Resource.Files.name,
      archives: () => "testex-no-such-bucket",
      backups: () => Resource.Backups.name,
    });
    expect(health).toEqual({
      status: "degraded",
      checks: { table: "ok", files: "ok", archives: "error", backups: "ok", mail: "ok" },
    });
  });

  it("is degraded when the table is missing", async () => {
    const health = await checkHealth(undefined, {
      table: () => "testex-no-such-table",
      files: () => Resource.Files.name,
      archives: () => Resource.Archives.name,
      backups: () => Resource.Backups.name,
    });
    expect(health.status).toBe("degraded");
    expect(health.checks.table).toBe("error");
  });
});
