import * as File from "../file";
import type { Effect, Stored as OutboxEvent } from "../outbox";
import { read } from "../outbox/schema";
import { EVENTS } from "./events";

/** A restored contract's documents come back to the files bucket. */
export function effectsOf(event: OutboxEvent): Effect[] {
  if (event.type !== EVENTS.restored.type) return [];
  const { contract } = read(EVENTS.restored, event);
  return [{ name: "return-documents", run: async () => void (await File.returnContract(contract.contract_id)) }];
}
