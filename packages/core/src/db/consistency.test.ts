import { describe, expect, it } from "vitest";
import { aClient, aContract, as, editor } from "#test/fixtures";
import * as Client from "../client";
import * as Contract from "../contract";
import * as Termination from "../termination";
import { dynamo } from "./dynamo";

const approver = { id: "user-approver", email: "approver@example.com", roles: ["approver" as const] };

/** Every GetItem/BatchGetItem sent while `work` runs, with whether it was strongly consistent. */
async function itemReads(work: () => Promise<unknown>): Promise<{ operation: string; consistent: boolean }[]> {
  const reads: { operation: string; consistent: boolean }[] = [];
  const name = `consistency-${Math.random()}`;
  dynamo.middlewareStack.add(
    (next, context) => (args) => {
      const input = args.input as { ConsistentRead?: boolean; RequestItems?: Record<string, { ConsistentRead?: boolean }> };
      if (context.commandName === "GetItemCommand") reads.push({ operation: "GetItem", consistent: input.ConsistentRead === true });
      if (context.commandName === "BatchGetItemCommand")
        for (const table of Object.values(input.RequestItems ?? {})) reads.push({ operation: "BatchGetItem", consistent: table.ConsistentRead === true });
      return next(args);
    },
    { step: "initialize", name },
  );
  try {
    await work();
  } finally {
    dynamo.middlewareStack.remove(name);
  }
  return reads;
}

// DynamoDB Local is always consistent, so a stale read cannot be produced here; what each write path asks for can be seen.
describe("write paths", () => {
  it("read what they check versions and states against with strongly consistent reads", async () => {
    const client = await aClient();
    const contract = await aContract(client.client_id, { value: 100_000 });
    const reads = await itemReads(async () => {
      await as(editor, () => Client.update(client.client_id, { name: "Acme Holdings" }, 1));
      await as(editor, () => Contract.update(contract.contract_id, { title: "Renamed" }, 1));
      await as(editor, () => Termination.request(contract.contract_id, { reason: "BREACH" }));
      await as(approver, () => Termination.approve(contract.contract_id, {}));
    });
    expect(reads.length).toBeGreaterThan(3);
    expect(reads.filter((read) => !read.consistent)).toEqual([]);
  });

  it("leave plain reads eventually consistent, at half the cost", async () => {
    const contract = await aContract((await aClient()).client_id);
    const reads = await itemReads(() => as(editor, () => Contract.get(contract.contract_id)));
    expect(reads).toEqual([{ operation: "GetItem", consistent: false }]);
  });
});
