import { describe, expect, it } from "vitest";
import { Resource } from "sst";
import { Outbox, Termination, systemActor } from "@testex/core";
import { as } from "#test/fixtures";
import { startStreamReader, useOwnTable } from "#test/local";
import { call } from "#test/api";
import { handler as processor, outboxEventId, type StreamRecord } from "../../src/processor";
import { handler as scheduler } from "../../src/scheduler";
import { above, approver, backupsOf, eventsOf, inDays, newContract, noticesOf, processEventsOf, requester } from "./fixtures";

// The scheduler ends every termination due in the table: this file's own, so only its own are.
await useOwnTable("scheduled-test");

/** What the scheduler does: the job runs in its system actor's context. */
const completeDue = (day: string) => as(systemActor("scheduler"), () => Termination.completeDue(day));

describe("a termination with a future effective date", () => {
  it("waits as SCHEDULED and is ended by the scheduler on its date, not before", async () => {
    const { contractId } = await newContract({ notice_period_days: 3 });
    const asked = await call("POST", `/api/contracts/${contractId}/termination`, { as: requester, body: { reason: "CONVENIENCE" } });
    expect(asked.body).toMatchObject({ status: "SCHEDULED", effective_date: inDays(3) });

    await completeDue(inDays(2));
    expect((await call("GET", `/api/contracts/${contractId}`, { as: "viewer" })).body.status).toBe("PENDING_TERMINATION");

    await completeDue(inDays(3));
    expect((await call("GET", `/api/contracts/${contractId}`, { as: "viewer" })).body.status).toBe("TERMINATED");
    expect((await call("GET", `/api/contracts/${contractId}/termination`, { as: "viewer" })).body).toMatchObject({ status: "COMPLETED" });
    const trail = await call("GET", `/api/contracts/${contractId}/audit`, { as: "viewer" });
    expect(trail.body.items[0]).toMatchObject({ action: "termination.completed", actor: "system:scheduler" });

    await processEventsOf(contractId);
    expect((await eventsOf(contractId)).map((e) => [e.type, e.status])).toEqual([
      ["contract.created", "DONE"],
      ["termination.scheduled", "DONE"],
      ["termination.completed", "DONE"],
    ]);
    expect(await backupsOf(contractId)).toEqual([`contracts/${contractId}/2.json`]);
  });

  it("is approved into SCHEDULED when above the threshold, and ended by the scheduler", async () => {
    const { contractId } = await newContract({ value: above(), notice_period_days: 2 });
    await call("POST", `/api/contracts/${contractId}/termination`, { as: requester, body: { reason: "CONVENIENCE" } });
    const approved = await call("POST", `/api/contracts/${contractId}/termination/approve`, { as: approver });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: "SCHEDULED", decisions: [{ by: "user-approver", outcome: "APPROVED" }] });
    expect((await call("GET", `/api/contracts/${contractId}`, { as: "viewer" })).body.status).toBe("PENDING_TERMINATION");
    await completeDue(inDays(2));
    expect((await call("GET", `/api/contracts/${contractId}`, { as: "viewer" })).body.status).toBe("TERMINATED");
  });

  it("is not ended by the scheduler once withdrawn", async () => {
    const { contractId } = await newContract({ notice_period_days: 1 });
    await call("POST", `/api/contracts/${contractId}/termination`, { as: requester, body: { reason: "CONVENIENCE" } });
    expect((await call("POST", `/api/contracts/${contractId}/termination/withdraw`, { as: requester })).status).toBe(200);
    await completeDue(inDays(1));
    expect((await call("GET", `/api/contracts/${contractId}`, { as: "viewer" })).body.status).toBe("ACTIVE");
    expect((await call("GET", `/api/contracts/${contractId}/termination`, { as: "viewer" })).body.status).toBe("WITHDRAWN");
  });

  it("runs from the scheduler's Lambda handler, which reports what it did", async () => {
    expect(await scheduler()).toMatchObject({
      "due terminations": { completed: expect.any(Number), skipped: expect.any(Number) },
      "stale outbox events": expect.any(Number),
    });
  });
});

describe("the local stream reader", () => {
  it("delivers a new outbox event from DynamoDB Local's stream to the processor, which completes it", async () => {
    const { contractId } = await newContract();
    const mine = (record: StreamRecord) => outboxEventId(record) !== undefined && record.dynamodb?.NewImage?.contract_id?.S === contractId;
    // From the stream's end: what this test writes, not everything the run wrote before it.
    const stop = await startStreamReader({ table: Resource.Table.name, from: "LATEST", handler: processor, accept: mine, pollMs: 100 });
    try {
      await call("POST", `/api/contracts/${contractId}/termination`, { as: requester, body: { reason: "BREACH", effective_date: inDays(0) } });
      // The contract's creation was written before the reader started, so it is not among them.
      const written = async () => (await eventsOf(contractId)).filter((e) => e.type !== "contract.created");
      await expect.poll(async () => (await written()).map((e) => [e.type, e.status]), { timeout: 120_000, interval: 200 }).toEqual([
        ["termination.scheduled", "DONE"],
        ["termination.completed", "DONE"],
      ]);
      const events = await written();
      expect(await backupsOf(contractId)).toHaveLength(1);
      // Notice and status update when scheduled; confirmation and status update when completed.
      expect(await noticesOf(contractId)).toHaveLength(4);
      expect((await Outbox.load(events[1]!.event_id))?.expires_at).toBeGreaterThan(Date.now() / 1000 + 7 * 24 * 3600);
    } finally {
      await stop();
    }
  });
});
