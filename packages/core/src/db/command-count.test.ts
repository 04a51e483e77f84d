import { describe, expect, it } from "vitest";
import { aClient, aContract } from "#test/fixtures";
import * as Contract from "../contract";
import { countCommands } from "./command-count";

describe("counting DynamoDB commands", () => {
  it("names each operation the shared client sends, once per call", async () => {
    const client = await aClient();
    const contract = await aContract(client.client_id);
    const count = countCommands();
    try {
      await Contract.get(contract.contract_id);
      await Contract.list({ client_id: client.client_id });
      await Contract.get(contract.contract_id);
      expect(count.counts).toEqual({ GetItem: 2, Query: 1 });
    } finally {
      count.stop();
    }
  });

  it("starts again from zero after a reset", async () => {
    const client = await aClient();
    const count = countCommands();
    try {
      await aContract(client.client_id);
      count.reset();
      await Contract.list({ client_id: client.client_id });
      expect(count.counts).toEqual({ Query: 1 });
    } finally {
      count.stop();
    }
  });

  it("stops counting once stopped", async () => {
    const client = await aClient();
    const count = countCommands();
    count.stop();
    await aContract(client.client_id);
    expect(count.counts).toEqual({});
  });
});
