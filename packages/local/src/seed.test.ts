import { describe, expect, it } from "vitest";
import { Audit, Client, Contract, Termination } from "@testex/core";
import { CONTRACT_STATUSES } from "@testex/core/contract/index";
import { seed } from "./seed";

describe("seed", () => {
  it("creates the clients and contracts it reports, in every status, each with its audit trail", async () => {
    const result = await seed({ contracts: 8 });

    expect(result.clients).toHaveLength(2);
    for (const id of result.clients) expect((await Client.get(id)).status).toBe("ACTIVE");
    expect(result.contracts).toHaveLength(8);
    expect(new Set(result.contracts.map((c) => c.status))).toEqual(new Set(CONTRACT_STATUSES));
    for (const { contract_id, status } of result.contracts) {
      expect((await Contract.get(contract_id)).status).toBe(status);
      const trail = await Audit.trail(contract_id, { limit: 10 });
      expect(trail.items.at(-1)?.action).toBe("contract.created");
      if (status === "TERMINATED") {
        expect(trail.items[0]?.action).toBe("termination.completed");
        expect((await Termination.current(contract_id)).status).toBe("COMPLETED");
      }
    }
  });
});
