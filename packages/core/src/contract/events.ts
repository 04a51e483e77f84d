import * as v from "valibot";
import { currentActor } from "../context";
import { defineEvent } from "../event";
import { Contract } from "./public";

/**
 * The outbox events the contract and its term write, each with one versioned
 * schema: the writer builds its payload through it, the effects parse with
 * it. A new field is additive; a breaking change is a new version, read side
 * by side until the old one drains from the outbox.
 */
const Party = v.object({ name: v.string(), email: v.string() });
const Person = v.object({ id: v.string(), email: v.optional(v.string()) });
/** Who is acting, as a contract event names them. */
export function actorNow(): v.InferInput<typeof Person> {
  const actor = currentActor();
  return { id: actor.id, ...(actor.email ? { email: actor.email } : {}) };
}
const ContractFacts = v.object({ contract_id: v.string(), title: v.string(), client_id: v.string(), notice_period_days: v.number() });

const common = {
  contract: ContractFacts,
  /** Null when the client was erased meanwhile: nobody to tell. */
  client: v.nullable(Party),
  owner: v.optional(Person),
  actor: Person,
};

export const ContractRenewedV1 = v.object({
  schema_version: v.literal(1),
  ...common,
  previous_end_date: v.string(),
  end_date: v.string(),
  term_months: v.number(),
  notice_deadline: v.string(),
  how: v.picklist(["AUTO", "MANUAL"]),
});

export const ContractExpiredV1 = v.object({
  schema_version: v.literal(1),
  ...common,
  end_date: v.string(),
});

/** A contract was created (through the API, the console or an import): the contract as the API shows it. */
export const ContractCreatedV1 = v.object({
  schema_version: v.literal(1),
  contract: Contract,
  actor: Person,
});

/** A contract's terms were changed: the contract as it is now, and which of its fields changed. */
export const ContractUpdatedV1 = v.object({
  schema_version: v.literal(1),
  contract: Contract,
  changed: v.pipe(v.array(v.string()), v.description("The fields whose value the update changed (besides `version` and `updated_at`).")),
  actor: Person,
});

/** Its documents leave the files bucket (a restore brings them back). */
export const ContractDeletedV1 = v.object({
  schema_version: v.literal(1),
  contract: v.object({ contract_id: v.string(), client_id: v.string() }),
  actor: Person,
});

/**
 * A suspension or reinstatement. Events written before versions were named
 * carry none; their shape is the same, so they read as version 1.
 */
export const ContractMovedV1 = v.object({
  schema_version: v.optional(v.literal(1)),
  contract: v.object({ contract_id: v.string(), title: v.string(), status: v.string() }),
  actor: Person,
});

const contractEvent = <const T extends string, S extends v.GenericSchema>(type: T, schema: S) => defineEvent(type, { versions: [schema], field: "schema_version" });

// Each definition is marked pure, so a bundle that reads none of these events (the delivery recorder)
// leaves them, and what their readers need (the stage's settings), out.
export const Events = {
  Created: /* @__PURE__ */ contractEvent("contract.created", ContractCreatedV1),
  Updated: /* @__PURE__ */ contractEvent("contract.updated", ContractUpdatedV1),
  Suspended: /* @__PURE__ */ contractEvent("contract.suspended", ContractMovedV1),
  Reinstated: /* @__PURE__ */ contractEvent("contract.reinstated", ContractMovedV1),
  Renewed: /* @__PURE__ */ contractEvent("contract.renewed", ContractRenewedV1),
  Expired: /* @__PURE__ */ contractEvent("contract.expired", ContractExpiredV1),
  Deleted: /* @__PURE__ */ contractEvent("contract.deleted", ContractDeletedV1),
};
