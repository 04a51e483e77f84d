/** The outbox events the contract's own moves write (suspend, reinstate), with their one schema. */
import * as v from "valibot";

export const EVENTS = {
  suspended: "contract.suspended",
  reinstated: "contract.reinstated",
} as const;
export const EVENT_TYPES: readonly string[] = Object.values(EVENTS);

/** Version 1. Events written before versions were named carry no `version`; their shape is the same. */
export const ContractEventV1 = v.object({
  version: v.optional(v.literal(1)),
  contract: v.object({ contract_id: v.string(), title: v.string(), status: v.string() }),
  actor: v.object({ id: v.string(), email: v.optional(v.string()) }),
});
export type ContractEventV1 = v.InferOutput<typeof ContractEventV1>;
