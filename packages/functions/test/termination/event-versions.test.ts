import { describe, expect, it } from "vitest";
import { Outbox, systemActor } from "@testex/core";
import { db } from "@testex/core/entities";
import { as } from "#test/fixtures";
import { handler } from "../../src/processor";
import { backupsOf, insertRecordOf, newContract, noticesOf } from "./fixtures";

describe("an outbox event written by the previous release (payload version 1)", () => {
  it("is still handled: backed up, and the client gets the notice that release sent on completion", async () => {
    const { contractId, client } = await newContract();
    // The payload exactly as the previous release wrote it: no version, the client inside, single decision fields.
    const legacy = Outbox.event("termination.completed", contractId, {
      contract: { contract_id: contractId, title: "Cleaning services", status: "TERMINATED", value: 10, currency: "USD" },
      client: { name: client.name, email: client.email },
      termination: { termination_id: "TMLEGACY0001", contract_id: contractId, status: "COMPLETED", reason: "BREACH", effective_date: "2026-11-01", notes: "Internal" },
      requester: { id: "user-requester", email: "requester@example.com" },
      actor: { id: "system:scheduler" },
      contract_before: { contract_id: contractId, version: 7, status: "PENDING_TERMINATION" },
      contract_after: { status: "TERMINATED" },
    });
    await as(systemActor("test"), () => db.entities.outbox.create(legacy).go());

    expect(await handler({ Records: [await insertRecordOf(legacy.event_id)] })).toEqual({ batchItemFailures: [] });
    expect(await backupsOf(contractId)).toEqual([`contracts/${contractId}/7.json`]);
    const notice = (await noticesOf(contractId)).find((n) => n.template === "termination-notice")!;
    expect(notice).toMatchObject({ to: [client.email], props: { client_name: client.name, reason: "Breach of contract", effective_date: "2026-11-01" } });
    expect(notice.props).not.toHaveProperty("notes");
  });

  it("is parked, not guessed at, when its version is unknown", async () => {
    const { contractId } = await newContract();
    const future = Outbox.event("termination.completed", contractId, { version: 99, contract: { contract_id: contractId } });
    await as(systemActor("test"), () => db.entities.outbox.create(future).go());
    expect((await handler({ Records: [await insertRecordOf(future.event_id)] })).batchItemFailures).toHaveLength(1);
    expect(await Outbox.load(future.event_id)).toMatchObject({ status: "PENDING", attempts: 1, last_error: expect.stringContaining("version 99") });
  });
});
