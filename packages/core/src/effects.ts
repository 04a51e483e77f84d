import { effectsOf as backupEffects } from "./backup/effects";
import { isBackupEvent } from "./backup/events";
import { effectsOf as contractEffects } from "./contract/effects";
import { isContractEvent } from "./contract/events";
import type { Effect, Stored as OutboxEvent } from "./outbox";
import { terminationEffects, type Dependencies } from "./termination/effects";
import { EVENT_TYPES as TERMINATION_EVENTS } from "./termination/events";

export type { Dependencies };

/** Every outbox event's effects, by the module that wrote it: what the processor runs. */
export function effectsOf(event: OutboxEvent, deps: Dependencies = {}): Effect[] {
  if (isContractEvent(event.type)) return contractEffects(event);
  if (isBackupEvent(event.type)) return backupEffects(event);
  if (TERMINATION_EVENTS.includes(event.type)) return terminationEffects(event, deps);
  return [];
}
