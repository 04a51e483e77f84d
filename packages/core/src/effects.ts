import { effectsOf as backupEffects } from "./backup/effects";
import { isBackupEvent } from "./backup/events";
import { effectsOf as contractEffects } from "./contract/effects";
import { isContractEvent } from "./contract/events";
import type { Effect, Stored as OutboxEvent } from "./outbox";
import { effectsOf as terminationEffects } from "./termination/effects";

/** Every outbox event's effects, by the module that wrote it: what the processor runs. */
export function effectsOf(event: OutboxEvent): Effect[] {
  if (isContractEvent(event.type)) return contractEffects(event);
  if (isBackupEvent(event.type)) return backupEffects(event);
  return terminationEffects(event);
}
