import { isContractEvent } from "./contract/events";
import { effectsOf as termEffects } from "./contract/effects";
import type { Effect, Stored as OutboxEvent } from "./outbox";
import { effectsOf as terminationEffects } from "./termination/effects";

/** Every outbox event's effects, by the module that wrote it: what the processor runs. */
export const effectsOf = (event: OutboxEvent): Effect[] => (isContractEvent(event.type) ? termEffects(event) : terminationEffects(event));
