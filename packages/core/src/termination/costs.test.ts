import { describe, expect, it } from "vitest";
import { aClient, aContract, as, editor } from "#test/fixtures";
import type { Actor } from "../context";
import { countCommands } from "../db/command-count";
import * as Term from "../term";
import * as Termination from "./index";

const approver: Actor = { id: "user-approver", email: "approver@example.com", roles: ["approver"] };

/** The DynamoDB commands `run` sends, by operation. */
async function cost(run: () => Promise<unknown>) {
  const count = countCommands();
  try {
    await run();
    return { ...count.counts };
  } finally {
    count.stop();
  }
}

describe("what a termination costs in DynamoDB operations", () => {
  it("a request: one Get (the contract) and one TransactWrite", async () => {
    const contract = await aContract((await aClient()).client_id, { value: 10 });
    expect(await cost(() => as(editor, () => Termination.request(contract.contract_id, { reason: "BREACH", effective_date: Term.today() })))).toEqual({
      GetItem: 1,
      TransactWriteItems: 1,
    });
  });

  it("an approval that ends the contract at once: two Gets (contract, termination) and one TransactWrite", async () => {
    const contract = await aContract((await aClient()).client_id, { value: 100_000 });
    await as(editor, () => Termination.request(contract.contract_id, { reason: "BREACH", effective_date: Term.today() }));
    expect(await cost(() => as(approver, () => Termination.approve(contract.contract_id)))).toEqual({ GetItem: 2, TransactWriteItems: 1 });
  });

  it("the report: Queries only, never a Scan", async () => {
    const counts = await cost(() => Termination.report({ from: "2027-01-01", to: "2027-12-31" }));
    expect(Object.keys(counts)).toEqual(["Query"]);
  });
});
