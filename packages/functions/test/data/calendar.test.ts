import ICAL from "ical.js";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { Calendar, type Actor } from "@testex/core";
import { countCommands } from "@testex/core/db/command-count";
import { app } from "@testex/functions/api/app";
import { aClient, aContract } from "#test/fixtures";
import { call, documented } from "#test/api";
import { approver, requester } from "../termination/fixtures";

/** Someone with contracts of their own only: a fresh owner per test. */
const anOwner = (): Actor => ({ id: `user-owner-${randomUUID()}`, email: "owner@example.com", name: "Olive Owner", roles: ["editor"] });

const subscribe = async (who: Actor | typeof approver) => {
  const reply = documented(await call("POST", "/api/me/calendar", { as: who }));
  expect(reply.status).toBe(201);
  return new URL(reply.body.url as string).pathname;
};

/** What a calendar client gets from the address: no token, only the secret in the URL. */
async function fetchFeed(path: string) {
  const response = await app.request(path);
  return { status: response.status, type: response.headers.get("content-type"), text: await response.text() };
}

/** The events as an outside parser reads them. */
function eventsOf(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents("vevent").map((vevent) => {
    const event = new ICAL.Event(vevent);
    const alarm = vevent.getFirstSubcomponent("valarm");
    return {
      uid: event.uid,
      summary: event.summary,
      date: event.startDate.toString(),
      allDay: event.startDate.isDate,
      url: String(vevent.getFirstPropertyValue("url")),
      alarm: alarm ? String(alarm.getFirstPropertyValue("trigger")) : undefined,
    };
  });
}

describe("the deadline calendar", () => {
  it("validates with ical.js and holds the notice deadline (with a reminder) and end date of each contract the person owns", async () => {
    const owner = anOwner();
    const client = await aClient();
    const contract = await aContract(client.client_id, { title: "Cleaning; floors, windows", end_date: "2027-06-30", notice_period_days: 30, renewal: "AUTO", renewal_term_months: 12 }, owner);
    await aContract(client.client_id, { title: "Someone else's" });
    const feed = await fetchFeed(await subscribe(owner));
    expect(feed.status).toBe(200);
    expect(feed.type).toBe("text/calendar; charset=utf-8");
    expect(eventsOf(feed.text)).toEqual([
      {
        uid: `${contract.contract_id}-notice@testex`,
        summary: "Notice deadline: Cleaning; floors, windows",
        date: contract.notice_deadline,
        allDay: true,
        url: expect.stringMatching(new RegExp(`/contracts/${contract.contract_id}$`)),
        alarm: `-P${Calendar.REMINDER_DAYS}D`,
      },
      { uid: `${contract.contract_id}-end@testex`, summary: "Ends: Cleaning; floors, windows", date: "2027-06-30", allDay: true, url: expect.stringMatching(/\/contracts\//), alarm: undefined },
    ]);
    expect(contract.notice_deadline).toBe("2027-05-31");
  });

  it("folds long lines at 75 octets without breaking a character, and ical.js reads the text back whole", async () => {
    const owner = anOwner();
    const client = await aClient();
    const title = `Évora — ${"maintenance and support of everything ".repeat(4)}`.trim();
    await aContract(client.client_id, { title }, owner);
    const { text } = await fetchFeed(await subscribe(owner));
    expect(text.split("\r\n").every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    expect(eventsOf(text).map((e) => e.summary)).toContain(`Ends: ${title}`);
  });

  it("shows an approver the effective date of a termination awaiting approval", async () => {
    const client = await aClient();
    const contract = await aContract(client.client_id, { title: `Awaiting ${randomUUID()}`, value: 10_000_000, end_date: "2030-12-31" });
    const requested = await call("POST", `/api/contracts/${contract.contract_id}/termination`, { as: requester, body: { reason: "CONVENIENCE" } });
    expect(requested.body.status).toBe("PENDING_APPROVAL");
    const events = eventsOf((await fetchFeed(await subscribe(approver))).text);
    expect(events).toContainEqual(expect.objectContaining({ summary: `Termination awaiting approval: ${contract.title}`, date: requested.body.effective_date }));
  });

  it("shows the requester the effective date of their open termination, and no longer once it is withdrawn", async () => {
    const client = await aClient();
    const contract = await aContract(client.client_id, { title: `Requested ${randomUUID()}`, end_date: "2030-12-31" });
    const requested = await call("POST", `/api/contracts/${contract.contract_id}/termination`, { as: requester, body: { reason: "CONVENIENCE" } });
    expect(requested.status).toBe(201);
    const path = await subscribe(requester);
    const event = { uid: `${requested.body.termination_id}-effective@testex`, date: requested.body.effective_date };
    expect(eventsOf((await fetchFeed(path)).text)).toContainEqual(expect.objectContaining(event));
    expect((await call("POST", `/api/contracts/${contract.contract_id}/termination/withdraw`, { as: requester })).status).toBe(200);
    expect(eventsOf((await fetchFeed(path)).text)).not.toContainEqual(expect.objectContaining(event));
  });

  it("is read with Queries of the person's own keys only: no Scan, no filter, and as many commands however many contracts the table holds", async () => {
    const owner = anOwner();
    const client = await aClient();
    for (let i = 0; i < 3; i++) await aContract(client.client_id, { title: `Owned ${i}` }, owner);
    const path = await subscribe(owner);
    const count = countCommands();
    try {
      await fetchFeed(path);
      const few = { counts: { ...count.counts }, filtered: count.filtered };
      for (let i = 0; i < 20; i++) await aContract(client.client_id, { title: `Someone else's ${i}` });
      for (let i = 3; i < 5; i++) await aContract(client.client_id, { title: `Owned ${i}` }, owner);
      count.reset();
      const feed = await fetchFeed(path);
      // The secret's record, then the owner's contracts and the terminations they requested.
      expect(few).toEqual({ counts: { GetItem: 1, Query: 2 }, filtered: 0 });
      expect({ counts: count.counts, filtered: count.filtered }).toEqual(few);
      expect(eventsOf(feed.text).filter((e) => e.summary.startsWith("Ends: Owned"))).toHaveLength(5);
    } finally {
      count.stop();
    }
  });

  it("stops answering an address once a new one is made, and once revoked", async () => {
    const owner = anOwner();
    const first = await subscribe(owner);
    const second = await subscribe(owner);
    expect((await fetchFeed(first)).status).toBe(404);
    expect((await fetchFeed(second)).status).toBe(200);
    expect(documented(await call("DELETE", "/api/me/calendar", { as: owner })).status).toBe(204);
    const revoked = documented(await call("GET", second));
    expect(revoked.status).toBe(404);
    expect(revoked.body.detail).toMatch(/replaced or revoked/);
  });
});
