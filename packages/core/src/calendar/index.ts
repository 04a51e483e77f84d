/**
 * A person's deadline calendar: an iCalendar feed (RFC 5545) of the notice
 * deadlines and end dates of the running contracts they own, and the effective
 * dates of the open terminations they requested (approvers also: those
 * awaiting approval), each linking to its page in the console, with a
 * reminder before each notice deadline. Calendars cannot send a token, so the
 * feed is found by a secret in its URL: shown once, replaced (and the old one
 * revoked) by asking again, revoked on request. Calendars poll every few
 * hours per person, so a feed reads only Queries of that person's own keys
 * (and the approvers' inbox): its cost follows their deadlines, never the table.
 */
import { createHash, randomBytes } from "node:crypto";
import * as v from "valibot";
import * as Audit from "../audit";
import { consoleUrl } from "../config";
import { currentActor } from "../context";
import * as Contract from "../contract";
import { CalendarFeedEntity, CalendarOwnerEntity } from "./entity";
import { ContractEntity } from "../contract/entity";
import { TerminationEntity } from "../termination/entity";
import { writeTransaction } from "../db/transaction";
import { DomainError } from "../error";
import { calendar, type DayEvent } from "./ics";
import { AuditEntity } from "../audit/entity";

export { CalendarFeedEntity, CalendarOwnerEntity } from "./entity";

/** Days before a notice deadline that the calendar reminds its owner. */
export const REMINDER_DAYS = 7;

export const FeedLink = v.object({
  url: v.pipe(v.string(), v.description("The feed's address, with its secret: subscribe a calendar to it. Shown this once.")),
  created_at: v.string(),
});
export type FeedLink = v.InferOutput<typeof FeedLink>;

const hashOf = (secret: string) => createHash("sha256").update(secret).digest("hex");
const trailOf = (actorId: string) => `person:${actorId}`;

/**
 * A new secret address for the caller's feed; the one before stops answering.
 * `apiBase` is where callers reach the API (the request's own origin): the API
 * cannot be linked to itself, and a custom domain is only known that way.
 */
export async function issue(apiBase: string): Promise<FeedLink> {
  const actor = currentActor();
  const secret = randomBytes(32).toString("base64url");
  const secret_hash = hashOf(secret);
  const created_at = new Date().toISOString();
  const { data: previous } = await CalendarOwnerEntity.get({ actor_id: actor.id }).go({ consistent: true });
  await writeTransaction(
    { calendarFeed: CalendarFeedEntity, calendarOwner: CalendarOwnerEntity, audit: AuditEntity },
    ({ calendarFeed, calendarOwner, audit }) => [
      ...(previous ? [calendarFeed.delete({ secret_hash: previous.secret_hash }).commit()] : []),
      calendarFeed.create({ secret_hash, actor_id: actor.id, roles: [...actor.roles], created_at }).commit(),
      calendarOwner
        .put({ actor_id: actor.id, secret_hash, created_at })
        .where((attr, { eq, notExists }) => (previous ? eq(attr.secret_hash, previous.secret_hash) : notExists(attr.secret_hash)))
        .commit(),
      audit.put(Audit.record({ trail: trailOf(actor.id), entity: "calendar", entity_id: actor.id, action: previous ? "calendar.replaced" : "calendar.issued" }, created_at)).commit(),
    ],
    () => new DomainError("version.conflict", "Another calendar address was made for you at the same moment; ask again."),
  );
  return { url: `${apiBase.replace(/\/+$/, "")}/calendar/${secret}.ics`, created_at };
}

/** The caller's feed stops answering; nothing to do when there is none. */
export async function revoke(): Promise<void> {
  const actor = currentActor();
  const { data: current } = await CalendarOwnerEntity.get({ actor_id: actor.id }).go({ consistent: true });
  if (!current) return;
  await writeTransaction(
    { calendarFeed: CalendarFeedEntity, calendarOwner: CalendarOwnerEntity, audit: AuditEntity },
    ({ calendarFeed, calendarOwner, audit }) => [
      calendarFeed.delete({ secret_hash: current.secret_hash }).commit(),
      calendarOwner
        .delete({ actor_id: actor.id })
        .where((attr, { eq }) => eq(attr.secret_hash, current.secret_hash))
        .commit(),
      audit.put(Audit.record({ trail: trailOf(actor.id), entity: "calendar", entity_id: actor.id, action: "calendar.revoked" })).commit(),
    ],
    () => new DomainError("version.conflict", "Your calendar address changed at the same moment; ask again."),
  );
}

const notFound = () => new DomainError("route.not_found", "No calendar answers at this address: it was replaced or revoked.");

/** Every page of a query, one after another. */
async function all<T>(page: (cursor: string | null) => Promise<{ data: T[]; cursor: string | null }>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const result = await page(cursor);
    items.push(...result.data);
    cursor = result.cursor;
  } while (cursor);
  return items;
}

const link = (contractId: string) => `${consoleUrl()}/contracts/${contractId}`;

/** The deadlines of the running contracts a person owns: one Query of their own partition of the owner index. */
async function ownedDeadlines(actorId: string): Promise<DayEvent[]> {
  const owned = await all((cursor) => ContractEntity.query.byOwner({ owner_key: actorId }).go({ cursor, limit: 500 }));
  return owned.flatMap((stored) => {
    const contract = Contract.present(stored);
    const events: DayEvent[] = [];
    const about = `${contract.title} (${contract.contract_id}), ${contract.renewal ?? "NONE"} renewal.`;
    if (contract.notice_deadline) {
      events.push({
        uid: `${contract.contract_id}-notice@testex`,
        stamp: contract.updated_at,
        date: contract.notice_deadline,
        summary: `Notice deadline: ${contract.title}`,
        description: `Last day to give notice so the contract ends on ${contract.end_date}. ${about}`,
        url: link(contract.contract_id),
        alarmDaysBefore: REMINDER_DAYS,
      });
    }
    if (contract.end_date) {
      events.push({ uid: `${contract.contract_id}-end@testex`, stamp: contract.updated_at, date: contract.end_date, summary: `Ends: ${contract.title}`, description: `The term's last day. ${about}`, url: link(contract.contract_id) });
    }
    return events;
  });
}

/**
 * Effective dates of the open terminations the person requested (their own
 * partition of the requester index) and, for those who may decide, of those
 * awaiting approval: the approvers' inbox, one partition shared by the role.
 */
async function terminationDates(actorId: string, roles: readonly string[]): Promise<DayEvent[]> {
  const decides = roles.includes("approver") || roles.includes("admin");
  const [requested, awaiting] = await Promise.all([
    all((cursor) => TerminationEntity.query.byRequester({ requested_by: actorId }).go({ cursor, limit: 500 })),
    decides ? all((cursor) => TerminationEntity.query.byStatus({ status: "PENDING_APPROVAL" }).go({ cursor, limit: 500 })) : [],
  ]);
  const theirs = [...new Map([...requested, ...awaiting].map((t) => [t.termination_id, t])).values()];
  if (theirs.length === 0) return [];
  const { data: contracts } = await ContractEntity.get(theirs.map((t) => ({ contract_id: t.contract_id }))).go();
  const titles = new Map(contracts.map((c) => [c.contract_id, c.title]));
  return theirs.map((t) => {
    const title = titles.get(t.contract_id) ?? t.contract_id;
    return {
      uid: `${t.termination_id}-effective@testex`,
      stamp: t.updated_at,
      date: t.effective_date,
      summary: `${t.status === "PENDING_APPROVAL" ? "Termination awaiting approval" : "Termination effective"}: ${title}`,
      description: `${title} (${t.contract_id}) ends on this day if the termination goes ahead. Status: ${t.status}.`,
      url: `${link(t.contract_id)}/termination`,
    };
  });
}

/** The feed a secret address answers with, as text/calendar; a replaced or revoked one is a 404. */
export async function feed(secret: string): Promise<string> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(secret)) throw notFound();
  const { data: owner } = await CalendarFeedEntity.get({ secret_hash: hashOf(secret) }).go();
  if (!owner) throw notFound();
  const [deadlines, terminations] = await Promise.all([ownedDeadlines(owner.actor_id), terminationDates(owner.actor_id, owner.roles)]);
  return calendar("TESTEX deadlines", [...deadlines, ...terminations].sort((a, b) => a.date.localeCompare(b.date) || a.uid.localeCompare(b.uid)));
}
