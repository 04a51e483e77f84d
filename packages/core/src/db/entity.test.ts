import { beforeEach, describe, expect, it, vi } from "vitest";

// Each test loads the core afresh, as a cold start does.
const fresh = async () => {
  const core = await import("../index");
  const { entities } = await import("../entities");
  const { isBuilt } = await import("./entity");
  const built = () => Object.entries(entities).filter(([, entity]) => isBuilt(entity)).map(([name]) => name).sort();
  return { core, entities, built };
};

describe("entities of the table", () => {
  beforeEach(() => {
    vi.resetModules();
  });

  it("are each declared to be built on first use", async () => {
    const { entities } = await fresh();
    const { isLazyEntity } = await import("./entity");
    expect(Object.entries(entities).filter(([, entity]) => !isLazyEntity(entity)).map(([name]) => name)).toEqual([]);
  });

  it("are not built when the core is loaded", async () => {
    const { built } = await fresh();
    expect(built()).toEqual([]);
  });

  it("are built one by one, as a request reads them", async () => {
    const { core, built } = await fresh();
    await expect(core.Contract.get("CT0000000000000000000000")).rejects.toMatchObject({ code: "contract.not_found" });
    expect(built()).toEqual(["contract"]);
  });

  it("take part in a transaction only when it names them", async () => {
    const { built } = await fresh();
    const { aClient } = await import("#test/fixtures");
    await aClient();
    // A client's name is searchable: its words are written with it.
    expect(built()).toEqual(["audit", "client", "clientEmail", "searchWord"]);
  });
});
