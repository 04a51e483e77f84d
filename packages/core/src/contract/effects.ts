import * as v from "valibot";
import { noticeTo } from "../notification/effect";
import type { Effect, Stored as OutboxEvent } from "../outbox";
import { ContractEventV1 } from "./events";

/** A suspension or reinstatement tells whoever made it (a record in their inbox of what they did). */
export function contractEffects(event: OutboxEvent): Effect[] {
  const { contract, actor } = v.parse(ContractEventV1, event.payload);
  if (!actor.email) return [];
  return [
    noticeTo(event, "status-update", actor.email, { contract_id: contract.contract_id, contract_title: contract.title, status: contract.status, changed_by: actor.id }),
  ];
}
