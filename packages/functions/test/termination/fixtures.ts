import { GetItemCommand, type AttributeValue } from "@aws-sdk/client-dynamodb";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { expect } from "vitest";
import { Resource } from "sst";
import { Outbox, Term, Termination, settings } from "@testex/core";
import { dynamo } from "@testex/core/db/dynamo";
import { db } from "@testex/core/entities";
import { s3 } from "@testex/core/object-store";
import { noticeId } from "@testex/core/notification/index";
import { uniqueEmail } from "#test/fixtures";
import { handler, type StreamRecord } from "../../src/processor";
import { app } from "../../src/api/app";
import { call, tokenFor, type Caller } from "#test/api";

/** A requester and an approver who are different people, as four-eyes needs; names and e-mails come from their tokens. */
export const requester: Caller = { id: "user-requester", email: "requester@example.com", name: "Rita Requester", roles: ["editor"] };
export const approver: Caller = { id: "user-approver", email: "approver@example.com", name: "Abe Approver", roles: ["approver"] };
export const admin: Caller = { id: "user-admin", email: "admin@example.com", name: "Ada Admin", roles: ["admin"] };

/** Values in USD just below and at the stage's one-approver and two-approver thresholds. */
export const below = () => settings().approval.byCurrency.USD!.one - 1;
export const above = () => settings().approval.byCurrency.USD!.one;
export const aboveTwo = () => settings().approval.byCurrency.USD!.two;

/** A fresh ACTIVE contract of a fresh client, through the API. */
export async function newContract(terms: { value?: number; notice_period_days?: number; currency?: string } = {}) {
  const client = await call("POST", "/api/clients", { as: "editor", body: { name: "Acme GmbH", email: uniqueEmail("acme") } });
  expect(client.status).toBe(201);
  const contract = await call("POST", "/api/contracts", {
    as: "editor",
    body: {
      client_id: client.body.client_id,
      title: "Cleaning services",
      contract_type: "SERVICE",
      start_date: "2026-01-01",
      end_date: "2030-12-31",
      value: terms.value ?? below(),
      notice_period_days: terms.notice_period_days ?? 30,
      ...(terms.currency ? { currency: terms.currency } : {}),
    },
  });
  expect(contract.status).toBe(201);
  return { contractId: contract.body.contract_id as string, client: client.body as { client_id: string; name: string; email: string } };
}

export const inDays = (days: number) => Term.addDays(Term.today(), days);

/** The stream record AWS would deliver for an outbox item's INSERT, built from the item as stored. */
export async function insertRecordOf(eventId: string): Promise<StreamRecord> {
  const params = db.entities.outbox.get({ event_id: eventId }).params() as { TableName: string; Key: Record<string, string> };
  const key = Object.fromEntries(Object.entries(params.Key).map(([name, value]) => [name, { S: value }])) as Record<string, AttributeValue>;
  const { Item } = await dynamo.send(new GetItemCommand({ TableName: params.TableName, Key: key }));
  expect(Item).toBeDefined();
  return { eventID: `test-${eventId}`, eventName: "INSERT", dynamodb: { SequenceNumber: eventId, NewImage: Item as never } };
}

/** Runs the processor on every outbox event of a contract, as the stream would; returns the handler's failures. */
export async function processEventsOf(contractId: string) {
  const events = await Outbox.byContract(contractId);
  const records = await Promise.all(events.map((event) => insertRecordOf(event.event_id)));
  return handler({ Records: records });
}

export const eventsOf = (contractId: string) => Outbox.byContract(contractId);

/** The contract's own backups (its last state, `<version>.json`) in the backups bucket; its documents' copies are not counted. */
export async function backupsOf(contractId: string): Promise<string[]> {
  const { Contents } = await (await s3()).send(new ListObjectsV2Command({ Bucket: Resource.Backups.name, Prefix: `contracts/${contractId}/` }));
  return (Contents ?? []).map((object) => object.Key!).filter((key) => key.endsWith(".json"));
}

/**
 * The notices a contract's events queued (not the scheduler's reminders): of
 * the contract's notices, those whose id derives from one of its events'
 * origins, as the processor derives them. A replayed event has the same
 * origin, hence the same notice ids: one item each.
 */
export async function noticesOf(contractId: string) {
  const origins = new Set((await Outbox.byContract(contractId)).map((event) => event.origin_id));
  const { data } = await db.entities.notification.query.byContract({ contract_id: contractId }).go({ pages: "all" });
  // An event's notice is keyed by its address, or by `client` when the address was read as it ran.
  const queuedBy = (notice: (typeof data)[number], origin: string) =>
    [notice.to[0]!, "client"].some((key) => noticeId(origin, notice.template, key) === notice.notification_id);
  return data.filter((notice) => [...origins].some((origin) => queuedBy(notice, origin)));
}

/** The text of a PDF as pdftotext reads it (layout kept), so two letters compare as a person reads them. */
export function pdfText(pdf: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), "testex-letter-"));
  try {
    writeFileSync(join(dir, "letter.pdf"), pdf);
    return execFileSync("pdftotext", ["-layout", join(dir, "letter.pdf"), "-"], { encoding: "utf8" });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The termination letter's preview as `caller` downloads it from the API. */
export async function letterPreview(contractId: string, caller: Caller) {
  const reply = await app.request(`/api/contracts/${contractId}/termination/letter/preview`, { headers: { authorization: `Bearer ${await tokenFor(caller)}` } });
  return { status: reply.status, type: reply.headers.get("content-type"), bytes: new Uint8Array(await reply.arrayBuffer()) };
}
