import * as v from "valibot";
import { isConditionFailure } from "../db/condition";
import { withCursor, type Page } from "../db/cursor";
import { DomainError } from "../error";
import { log, describeError } from "../log";
import { metric } from "../metric";
import { recordChange } from "./change";
import { OUTBOX_STATUSES, OutboxEntity } from "./entity";
import { event, type Stored } from "./item";

export { OUTBOX_STATUSES, OutboxEntity };
export { event, type Stored } from "./item";
export { recordChange, type Change } from "./change";

export const Event = v.object({
  event_id: v.string(),
  origin_id: v.string(),
  type: v.string(),
  contract_id: v.string(),
  status: v.picklist(OUTBOX_STATUSES),
  effects_done: v.array(v.string()),
  attempts: v.number(),
  last_error: v.optional(v.string()),
  created_at: v.string(),
  updated_at: v.string(),
});
export type Event = v.InferOutput<typeof Event>;

/** A failing event is tried this many times, then parked as DEAD for an operator to replay. */
export const MAX_ATTEMPTS = 5;
/** Done events stay readable this long, then DynamoDB removes them. */
const KEEP_DONE_SECONDS = 35 * 24 * 3600;

/** One thing an event causes. `name` is stable: it is what records that the effect was done. */
export interface Effect {
  name: string;
  run(): Promise<void>;
}

const present = ({ payload: _payload, expires_at: _expires, effects_done, ...rest }: Stored): Event => ({
  ...rest,
  effects_done: [...(effects_done ?? [])].sort(),
});

/** Read consistently: the stream can deliver an insert before a default read would see it. */
export async function load(eventId: string): Promise<Stored | null> {
  const { data } = await OutboxEntity.get({ event_id: eventId }).go({ consistent: true });
  return data;
}

/**
 * Causes the effects of one event that are not yet recorded as done, each
 * recorded durably right after it succeeds. Every effect is idempotent by its
 * own key, so a crash between an effect and its record repeats nothing visible.
 * Returns quietly when the event is already finished.
 */
export async function handle(eventId: string, plan: (event: Stored) => Effect[]): Promise<void> {
  const event = await load(eventId);
  // The stream only announces items that were written: one not found is not readable yet, so try again.
  if (!event) throw new Error(`Outbox event ${eventId} is not readable yet`);
  if (event.status !== "PENDING") return;
  const done = new Set(event.effects_done ?? []);
  for (const effect of plan(event)) {
    if (done.has(effect.name)) continue;
    await effect.run();
    await OutboxEntity
      .patch({ event_id: eventId })
      .add({ effects_done: [effect.name] })
      .set({ updated_at: new Date().toISOString() })
      .go();
  }
  const now = new Date();
  await OutboxEntity
    .patch({ event_id: eventId })
    .set({ status: "DONE", updated_at: now.toISOString(), expires_at: Math.floor(now.getTime() / 1000) + KEEP_DONE_SECONDS })
    .where(({ status }, { eq }) => eq(status, "PENDING"))
    .go()
    .catch(ignoreConditionFailure);
}

/**
 * Counts a failed attempt. Below MAX_ATTEMPTS the caller retries (with
 * backoff); at the limit the event is parked as DEAD, visible and replayable.
 */
export async function recordFailure(eventId: string, error: unknown): Promise<"retry" | "dead"> {
  const message = error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 500) : String(error).slice(0, 500);
  const { data } = await OutboxEntity
    .patch({ event_id: eventId })
    .add({ attempts: 1 })
    .set({ last_error: message, updated_at: new Date().toISOString() })
    .where(({ status }, { eq }) => eq(status, "PENDING"))
    .go({ response: "all_new" })
    .catch((e: unknown) => (ignoreConditionFailure(e), { data: null }));
  if (!data) return "dead";
  if ((data.attempts ?? 0) < MAX_ATTEMPTS) return "retry";
  await OutboxEntity
    .patch({ event_id: eventId })
    .set({ status: "DEAD", updated_at: new Date().toISOString() })
    .where(({ status }, { eq }) => eq(status, "PENDING"))
    .go()
    .catch(ignoreConditionFailure);
  log.error("outbox event is dead", { event_id: eventId, attempts: data.attempts, ...describeError(error) });
  metric("OutboxDead");
  return "dead";
}

/** Events that ran out of attempts, oldest first. */
export async function dead(page: { limit: number; cursor?: string }): Promise<Page<Event>> {
  const result = await withCursor(page.cursor, (cursor) => OutboxEntity.query.byStatus({ status: "DEAD" }).go({ limit: page.limit, cursor }));
  return { items: result.data.map(present), next_cursor: result.cursor };
}

/** Every event of a contract, oldest first. */
export async function byContract(contractId: string): Promise<Event[]> {
  const result = await OutboxEntity.query.byContract({ contract_id: contractId }).go({ pages: "all" });
  return result.data.map(present);
}

/**
 * Gives a dead event another run: a fresh outbox item (a new INSERT on the
 * stream) that carries the same origin and the effects already done, so only
 * what failed runs again. The dead item is kept, marked REPLAYED.
 */
export async function replay(eventId: string): Promise<Event> {
  const original = await load(eventId);
  if (!original) throw new DomainError("event.not_found", `Event ${eventId} does not exist.`, { event_id: eventId });
  const notDead = (status: string) =>
    new DomainError("event.not_dead", `Event ${eventId} is ${status}; only DEAD events are replayed.`, { status });
  if (original.status !== "DEAD") throw notDead(original.status);
  return present(await runAgain(original, "DEAD", "event.replayed", async () => notDead((await load(eventId))?.status ?? "gone")));
}

/** How long an event may stay PENDING, untouched, before the sweeper runs it again. */
export const STALE_AFTER_MS = 15 * 60 * 1000;

/**
 * The outbox's safety net (run by the scheduler): an event still PENDING and
 * untouched long after it was written was lost on the way (the stream gave up
 * on its record, or a run died before it could count the failure). It runs
 * again the way a replay does, so every effect still happens once.
 */
export async function redriveStale(now = Date.now()): Promise<number> {
  const cutoff = new Date(now - STALE_AFTER_MS).toISOString();
  const { data } = await OutboxEntity.query.byStatus({ status: "PENDING" }).lt({ created_at: cutoff }).go({ pages: "all" });
  let redriven = 0;
  for (const stale of data.filter((event) => event.updated_at < cutoff)) {
    try {
      await runAgain(stale, "PENDING", "event.redriven", () => new DomainError("event.busy", `Event ${stale.event_id} moved on meanwhile.`), cutoff);
      redriven++;
    } catch (error) {
      if (!(error instanceof DomainError && error.code === "event.busy")) throw error;
    }
  }
  return redriven;
}

/** A fresh item for the same event (a new stream INSERT), the old one marked REPLAYED, audited; all in one transaction. */
async function runAgain(
  original: Stored,
  from: "DEAD" | "PENDING",
  action: string,
  explain: () => DomainError | Promise<DomainError>,
  untouchedSince?: string,
): Promise<Stored> {
  const eventId = original.event_id;
  const now = new Date().toISOString();
  const fresh: Stored = {
    ...event(original.type, original.contract_id, original.payload as Record<string, unknown>, now),
    origin_id: original.origin_id,
    ...(original.effects_done?.length ? { effects_done: original.effects_done } : {}),
  };
  await recordChange({
    trail: original.contract_id,
    entity: "outbox",
    entity_id: eventId,
    action,
    after: { event_id: fresh.event_id, type: fresh.type },
    at: now,
    entities: { outbox: OutboxEntity },
    writes: ({ outbox }) => [
      outbox
        .patch({ event_id: eventId })
        .set({ status: "REPLAYED", updated_at: now })
        .where(({ status, updated_at }, { eq, lt }) => {
          const stillThere = eq(status, from as Stored["status"]);
          return untouchedSince ? `${stillThere} AND ${lt(updated_at, untouchedSince)}` : stillThere;
        })
        .commit(),
      outbox.create(fresh).commit(),
    ],
    explain,
  });
  return fresh;
}

function ignoreConditionFailure(error: unknown): void {
  if (!isConditionFailure(error)) throw error;
}
