/**
 * What happens because of an event, and on the clock: each module's effects
 * file registers its subscriptions and jobs here, and the processor and the
 * scheduler run what is registered. Neither names a module.
 */
import type { EventDefinition } from "../event";
import type { Effect, Stored as OutboxEvent } from "../outbox";
import type { LetterRenderer } from "../termination/letter";

/** What the handlers need from outside core; the processor passes them. */
export interface Dependencies {
  /** Renders the termination letter (packages/emails). */
  renderLetter?: LetterRenderer;
}

type Handler<P> = (payload: P, event: OutboxEvent, deps: Dependencies) => Effect[];
type Subscription = { type: string; plan: (event: OutboxEvent, deps: Dependencies) => Effect[] };

const subscriptions: Subscription[] = [];
const everyEvent: ((event: OutboxEvent, deps: Dependencies) => Effect[])[] = [];
const deadHandlers: { type: string; run: (event: OutboxEvent) => Promise<void> }[] = [];
const scheduled: (ScheduledJob & { order: number })[] = [];

/** `handler`'s effects follow every `event` written, its payload read through the event's definition. */
export function subscribe<P>(event: EventDefinition<string, never, P>, handler: Handler<P>): void {
  subscriptions.push({ type: event.type, plan: (stored, deps) => handler(event.read(stored), stored, deps) });
}

/** `handler`'s effects follow every event of every module (a feed that publishes them all, say). */
export function subscribeAll(handler: (event: OutboxEvent, deps: Dependencies) => Effect[]): void {
  everyEvent.push(handler);
}

/** `run` is called once an `event` has been parked as DEAD: what it leaves undone is raised, not only logged. */
export function whenDead(event: EventDefinition, run: (event: OutboxEvent) => Promise<void>): void {
  deadHandlers.push({ type: event.type, run });
}

/** Every effect of one outbox event, in the order they were registered: what the processor runs. */
export function effectsOf(event: OutboxEvent, deps: Dependencies = {}): Effect[] {
  return [...subscriptions.filter((s) => s.type === event.type).flatMap((s) => s.plan(event, deps)), ...everyEvent.flatMap((plan) => plan(event, deps))];
}

/** Reports a dead event to whoever registered for it. */
export async function reportDead(event: OutboxEvent): Promise<void> {
  for (const handler of deadHandlers.filter((h) => h.type === event.type)) await handler.run(event);
}

export interface ScheduledJob {
  name: string;
  /** Runs the job as if today were `day` (dated jobs; the others ignore it). */
  run(day: string): Promise<unknown>;
  /** What the job would do on `day`, writing nothing; absent for the clock-driven safety nets. */
  plan?(day: string): Promise<unknown>;
}

/** A job the scheduler runs; `order` places it among the others (lower runs first). */
export function schedule(order: number, job: ScheduledJob): void {
  scheduled.push({ ...job, order });
}

/** Every scheduled job, in order. */
export const jobs = (): readonly ScheduledJob[] => [...scheduled].sort((a, b) => a.order - b.order).map(({ order: _order, ...job }) => job);
