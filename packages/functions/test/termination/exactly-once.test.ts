import { PutObjectCommand } from "@aws-sdk/client-s3";
import { TransactWriteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { Outbox, systemActor } from "@testex/core";
import { as } from "#test/fixtures";
import { useOwnTable } from "#test/local";
import { dynamo } from "@testex/core/db/dynamo";
import { db } from "@testex/core/entities";
import { s3 } from "@testex/core/object-store";
import { call } from "#test/api";
import { handler } from "../../src/processor";
import { admin, backupsOf, eventsOf, inDays, insertRecordOf, newContract, noticesOf, processEventsOf, requester } from "./fixtures";

// The scheduler's redrive and the list of dead events read every event in the table: this file's own, so only its own are.
await useOwnTable("exactly-once-test");

const terminateToday = (contractId: string, headers: Record<string, string> = {}) =>
  call("POST", `/api/contracts/${contractId}/termination`, { as: requester, body: { reason: "BREACH", effective_date: inDays(0) }, headers });

const mocks: { restore(): void }[] = [];
afterEach(() => {
  while (mocks.length) mocks.pop()!.restore();
});

/** Lets every call through to the real server except those the test makes fail. */
function faultsOn<T extends Parameters<typeof mockClient>[0]>(client: T) {
  const mock = mockClient(client);
  mock.send.callThrough();
  mocks.push(mock);
  return mock;
}

/** A termination effective today is scheduled (the client's notice) and completed (the backup, the confirmation) in one write. */
async function completedEventOf(contractId: string) {
  const events = await eventsOf(contractId);
  expect(events.map((e) => e.type)).toEqual(["contract.created", "termination.scheduled", "termination.completed"]);
  return events[2]!;
}

const COMPLETION_NOTICES = ["status-update", "termination-confirmation"];

/** The real client, with `around` deciding what becomes of each command: `send` sends it. */
function intercept(client: typeof dynamo, around: (command: { input: unknown }, send: () => Promise<never>) => Promise<never>) {
  const realSend = Object.getPrototypeOf(client).send as (this: typeof client, command: unknown) => Promise<never>;
  const mock = mockClient(client);
  mocks.push(mock);
  mock.send.callsFake((command: { input: unknown }) => around(command, () => realSend.call(client, command)));
}

/** The real client, except that commands `fails` picks are refused as if the process died sending them. */
function failWhere(client: typeof dynamo, fails: (command: { input: unknown }) => boolean) {
  intercept(client, (command, send) => (fails(command) ? Promise.reject(new Error("process died")) : send()));
}

/** The real client, except that the first command `holds` picks waits, as a slow write would, until the test releases it. */
function holdFirst(client: typeof dynamo, holds: (command: { input: unknown }) => boolean) {
  let arrive!: () => void;
  let release!: () => void;
  const reached = new Promise<void>((resolve) => (arrive = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  let held = false;
  intercept(client, (command, send) => {
    if (held || !holds(command)) return send();
    held = true;
    arrive();
    return released.then(send);
  });
  return { reached, release };
}

describe("twenty people terminating the same contract at the same moment", () => {
  it("end it exactly once: one termination, one audit entry, one backup, one set of notices", async () => {
    const { contractId } = await newContract();
    const replies = await Promise.all(Array.from({ length: 20 }, () => terminateToday(contractId)));
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses).toEqual([201, ...Array(19).fill(409)]);
    for (const refused of replies.filter((r) => r.status === 409)) {
      expect(refused.body.code).toMatch(/^(termination\.invalid_transition|version\.conflict)$/);
    }
    await Promise.all([processEventsOf(contractId), processEventsOf(contractId)]);

    const winner = replies.find((r) => r.status === 201)!;
    const contract = await call("GET", `/api/contracts/${contractId}`, { as: "viewer" });
    expect(contract.body).toMatchObject({ status: "TERMINATED", termination_id: winner.body.termination_id, version: 2 });
    const { data: terminations } = await db.entities.termination.query.byContract({ contract_id: contractId }).go();
    expect(terminations.map((t) => t.termination_id)).toEqual([winner.body.termination_id]);
    const trail = await call("GET", `/api/contracts/${contractId}/audit`, { as: "viewer" });
    expect(trail.body.items.filter((e: { action: string }) => e.action.startsWith("termination.")).map((e: { action: string }) => e.action)).toEqual([
      "termination.completed",
      "termination.scheduled",
    ]);
    await completedEventOf(contractId);
    expect(await backupsOf(contractId)).toHaveLength(1);
    expect((await noticesOf(contractId)).map((n) => n.template).sort()).toEqual(["status-update", "status-update", "termination-confirmation", "termination-notice"]);
  });
});

describe("an Idempotency-Key on a POST", () => {
  it("gives a retry of the same request the stored reply without running it again", async () => {
    const { contractId } = await newContract();
    const key = { "idempotency-key": `retry-${contractId}` };
    const first = await terminateToday(contractId, key);
    const again = await terminateToday(contractId, key);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    // The contract's creation, and one termination's two events: scheduled and completed.
    expect(await eventsOf(contractId)).toHaveLength(3);
  });

  it("refuses the same key with a different body with 422", async () => {
    const { contractId } = await newContract({ notice_period_days: 10 });
    const key = { "idempotency-key": `reuse-${contractId}` };
    expect((await terminateToday(contractId, key)).status).toBe(201);
    const other = await call("POST", `/api/contracts/${contractId}/termination`, { as: requester, body: { reason: "CONVENIENCE" }, headers: key });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe("idempotency.key_reused");
  });

  it("answers a concurrent request with the same key with 409 while the first runs", async () => {
    const { contractId } = await newContract();
    const key = { "idempotency-key": `concurrent-${contractId}` };
    // The first request is held at its termination's write, so the second meets it still running.
    const write = holdFirst(dynamo, (command) => command instanceof TransactWriteCommand && JSON.stringify(command.input).includes(contractId));
    const first = terminateToday(contractId, key);
    await write.reached;
    const concurrent = await terminateToday(contractId, key);
    write.release();

    expect(concurrent.status).toBe(409);
    expect(concurrent.body.code).toBe("idempotency.in_progress");
    expect((await first).status).toBe(201);
    // The contract's creation, and one termination's two events: scheduled and completed.
    expect(await eventsOf(contractId)).toHaveLength(3);
  });

  it("keeps keys apart per caller", async () => {
    const { contractId } = await newContract();
    const key = { "idempotency-key": `shared-${contractId}` };
    expect((await terminateToday(contractId, key)).status).toBe(201);
    const someoneElse = await call("POST", `/api/contracts/${contractId}/suspend`, { as: "editor", headers: key });
    expect(someoneElse.status).toBe(409);
    expect(someoneElse.body.code).toBe("termination.invalid_transition");
  });

  it("tells keys apart by case", async () => {
    const { contractId } = await newContract();
    expect((await terminateToday(contractId, { "idempotency-key": `Case-${contractId}` })).status).toBe(201);
    const other = await call("POST", `/api/contracts/${contractId}/suspend`, { as: requester, headers: { "idempotency-key": `case-${contractId}`.toLowerCase() } });
    expect(other.body.code).not.toBe("idempotency.key_reused");
  });

  it("refuses a malformed key with 400 naming the header, and requests nothing", async () => {
    const { contractId } = await newContract();
    const reply = await terminateToday(contractId, { "idempotency-key": "bad key!" });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ code: "request.malformed", detail: expect.stringContaining("Idempotency-Key") });
    expect((await call("GET", `/api/contracts/${contractId}/termination`, { as: "viewer" })).status).toBe(404);
  });
});

describe("a crash between the transaction and the effects", () => {
  it("backs up exactly once when the first S3 write fails and the stream delivers the event again", async () => {
    const { contractId } = await newContract();
    await terminateToday(contractId);
    faultsOn(await s3()).on(PutObjectCommand).rejectsOnce(new Error("S3 unavailable"));
    const event = await completedEventOf(contractId);
    const record = await insertRecordOf(event.event_id);

    expect(await handler({ Records: [record] })).toEqual({ batchItemFailures: [{ itemIdentifier: event.event_id }] });
    expect(await backupsOf(contractId)).toEqual([]);
    expect(await handler({ Records: [record] })).toEqual({ batchItemFailures: [] });

    expect(await backupsOf(contractId)).toHaveLength(1);
    expect(await Outbox.load(event.event_id)).toMatchObject({ status: "DONE", attempts: 1, last_error: expect.stringContaining("S3 unavailable") });
  });

  for (const [index, effect] of ["backup", "archive", "notice:termination-confirmation", "notice:status-update"].entries()) {
    it(`causes each effect once when the process dies right after the ${effect} effect, before recording it`, async () => {
      const { contractId } = await newContract();
      await terminateToday(contractId);
      const event = await completedEventOf(contractId);
      // The (index+1)-th "effect done" write is lost, as if the process died just before it.
      let marks = 0;
      failWhere(dynamo, (command) => {
        const input = JSON.stringify(command.input);
        return command instanceof UpdateCommand && input.includes("effects_done") && input.includes(event.event_id) && marks++ === index;
      });
      const record = await insertRecordOf(event.event_id);
      expect((await handler({ Records: [record] })).batchItemFailures).toHaveLength(1);
      mocks.pop()!.restore();
      expect((await handler({ Records: [record] })).batchItemFailures).toHaveLength(0);

      const after = await Outbox.load(event.event_id);
      expect(after?.status).toBe("DONE");
      // The four above, and the webhook fan-out.
      expect([...(after?.effects_done ?? [])]).toHaveLength(5);
      expect(await backupsOf(contractId)).toHaveLength(1);
      expect((await noticesOf(contractId)).map((n) => n.template).sort()).toEqual(COMPLETION_NOTICES);
    });
  }
});

describe("an event whose effect keeps failing", () => {
  it("is parked as DEAD after five attempts, listed for admins, and a replay completes it once", async () => {
    const { contractId } = await newContract();
    await terminateToday(contractId);
    const event = await completedEventOf(contractId);
    const record = await insertRecordOf(event.event_id);
    const s3Faults = faultsOn(await s3());
    s3Faults.on(PutObjectCommand).rejects(new Error("bucket gone"));
    const failures = [];
    for (let attempt = 1; attempt <= Outbox.MAX_ATTEMPTS; attempt++) failures.push((await handler({ Records: [record] })).batchItemFailures.length);
    expect(failures).toEqual([1, 1, 1, 1, 0]);
    expect(await Outbox.load(event.event_id)).toMatchObject({ status: "DEAD", attempts: Outbox.MAX_ATTEMPTS });

    const dead = await call("GET", `/api/admin/dead-events?limit=100`, { as: admin });
    expect(dead.body.items.map((e: { event_id: string }) => e.event_id)).toContain(event.event_id);

    s3Faults.restore();
    const replay = await call("POST", `/api/admin/dead-events/${event.event_id}/replay`, { as: admin });
    expect(replay.status).toBe(202);
    expect(replay.body).toMatchObject({ origin_id: event.event_id, status: "PENDING", type: "termination.completed" });
    expect(await handler({ Records: [await insertRecordOf(replay.body.event_id)] })).toEqual({ batchItemFailures: [] });

    expect(await Outbox.load(event.event_id)).toMatchObject({ status: "REPLAYED" });
    expect(await Outbox.load(replay.body.event_id)).toMatchObject({ status: "DONE" });
    expect(await backupsOf(contractId)).toHaveLength(1);
    expect((await noticesOf(contractId)).map((n) => n.template).sort()).toEqual(COMPLETION_NOTICES);
    expect((await call("POST", `/api/admin/dead-events/${event.event_id}/replay`, { as: admin })).status).toBe(409);
  });
});

describe("the stream processor", () => {
  it("ignores stream records that are not inserts of outbox items", async () => {
    const { contractId } = await newContract();
    await terminateToday(contractId);
    const event = await completedEventOf(contractId);
    const insert = await insertRecordOf(event.event_id);
    const modified = { ...insert, eventName: "MODIFY" };
    const otherEntity = { ...insert, dynamodb: { ...insert.dynamodb, NewImage: { ...insert.dynamodb!.NewImage!, __edb_e__: { S: "contract" } } } };
    expect(await handler({ Records: [modified, otherEntity] })).toEqual({ batchItemFailures: [] });
    expect((await Outbox.load(event.event_id))?.status).toBe("PENDING");
    expect(await backupsOf(contractId)).toEqual([]);
  });
});

describe("an outbox event whose stream delivery was lost", () => {
  const scheduler = systemActor("scheduler");

  it("is run again by the scheduler's redrive, its effects done once", async () => {
    const { contractId } = await newContract();
    await terminateToday(contractId);
    const lost = await completedEventOf(contractId);
    // Nobody delivers its record: an hour later it is still PENDING and untouched.
    expect(await as(scheduler, () => Outbox.redriveStale(Date.now() + 60 * 60 * 1000))).toBeGreaterThanOrEqual(1);
    expect(await Outbox.load(lost.event_id)).toMatchObject({ status: "REPLAYED" });
    const again = (await Outbox.byContract(contractId)).find((e) => e.origin_id === lost.origin_id && e.event_id !== lost.event_id)!;
    expect(again).toMatchObject({ status: "PENDING", type: "termination.completed" });
    expect(await handler({ Records: [await insertRecordOf(again.event_id)] })).toEqual({ batchItemFailures: [] });
    expect(await backupsOf(contractId)).toHaveLength(1);
  });

  it("is left alone while it is fresh", async () => {
    const { contractId } = await newContract();
    await terminateToday(contractId);
    const fresh = await completedEventOf(contractId);
    await as(scheduler, () => Outbox.redriveStale());
    expect(await Outbox.load(fresh.event_id)).toMatchObject({ status: "PENDING" });
  });
});
