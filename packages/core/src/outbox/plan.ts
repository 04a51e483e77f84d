/** The processor's plan: which module's effects an outbox event has, by its type. */
import { contractEffects } from "../contract/effects";
import { EVENT_TYPES as CONTRACT_EVENTS } from "../contract/events";
import { terminationEffects, type Dependencies } from "../termination/effects";
import { EVENT_TYPES as TERMINATION_EVENTS } from "../termination/events";
import type { Effect, Stored } from "./index";

export type { Dependencies };

export function effectsOf(event: Stored, deps: Dependencies = {}): Effect[] {
  if (TERMINATION_EVENTS.includes(event.type)) return terminationEffects(event, deps);
  if (CONTRACT_EVENTS.includes(event.type)) return contractEffects(event);
  return [];
}
