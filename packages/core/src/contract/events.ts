import * as v from "valibot";
import type { Stored as OutboxEvent } from "../outbox";
import { parse } from "../validation";

/**
 * The outbox events the contract's term writes, each with one versioned
 * schema: the writer builds its payload through it, the effects parse with
 * it. A new field is additive; a breaking change is a new version, read side
 * by side until the old one drains from the outbox.
 */
const Party = v.object({ name: v.string(), email: v.string() });
const Person = v.object({ id: v.string(), email: v.optional(v.string()) });
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

export const EVENTS = {
  renewed: { type: "contract.renewed", schema: ContractRenewedV1 },
  expired: { type: "contract.expired", schema: ContractExpiredV1 },
} as const;

interface EventDefinition<S extends v.GenericSchema> {
  type: string;
  schema: S;
}

/** An event this module writes, its payload built through the schema of its current version. */
export const build = <S extends v.GenericSchema>(event: EventDefinition<S>, payload: v.InferInput<S>) => ({ type: event.type, payload: parse(event.schema, payload) });

/** The payload of a stored event, read through its schema: a payload that does not match fails the event loudly. */
export const read = <S extends v.GenericSchema>(event: EventDefinition<S>, stored: OutboxEvent): v.InferOutput<S> => parse(event.schema, stored.payload);

export const isContractEvent = (type: string): boolean => Object.values(EVENTS).some((event) => event.type === type);
