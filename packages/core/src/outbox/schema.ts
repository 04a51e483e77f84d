import type * as v from "valibot";
import { parse } from "../validation";
import type { Stored as OutboxEvent } from "./index";

/** An event a module writes: its type and the schema of its payload's current version. */
export interface EventDefinition<S extends v.GenericSchema> {
  type: string;
  schema: S;
}

/** An event's type and payload, the payload built through the schema of its current version. */
export const build = <S extends v.GenericSchema>(event: EventDefinition<S>, payload: v.InferInput<S>) => ({ type: event.type, payload: parse(event.schema, payload) });

/** The payload of a stored event, read through its schema: a payload that does not match fails the event loudly. */
export const read = <S extends v.GenericSchema>(event: EventDefinition<S>, stored: OutboxEvent): v.InferOutput<S> => parse(event.schema, stored.payload);
