/**
 * The one way a module declares the events it writes to the outbox: a type,
 * the schema of each version of its payload (oldest first), and how an older
 * version reads as the current one. The writer builds the payload through the
 * current schema (its version stamped), and every reader (an effect, a
 * webhook, a test) reads it through the same definition: nothing reads a
 * payload with a cast. A new field is additive; a breaking change is a new
 * version, read side by side until the old one drains from the outbox.
 */
import * as v from "valibot";
import { DomainError } from "./error";
import { parse } from "./validation";

type Schema = v.GenericSchema;
type Current<V extends readonly Schema[]> = V extends readonly [...Schema[], infer Last extends Schema] ? Last : never;
type Older<V extends readonly Schema[]> = V extends readonly [...infer Rest extends Schema[], Schema] ? Rest[number] : never;
type Omitting<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An event as the outbox holds it: its type and its payload as written. */
export interface Written {
  type: string;
  payload?: unknown;
}

export interface EventDefinition<T extends string = string, Input = unknown, Output = unknown> {
  type: T;
  /** The current version's payload schema: what readers get (the API document shows it to webhook receivers). */
  schema: v.GenericSchema;
  /** The event's type and payload, built through its current schema; a payload that does not fit fails the write. */
  build(payload: Input): { type: T; payload: Record<string, unknown> };
  /** The payload of a stored event of any known version, as the current version reads it; anything else fails loudly. */
  read(stored: Written): Output;
}

export interface EventOptions<V extends readonly [Schema, ...Schema[]], F extends string, R> {
  /** The payload's schema of each version, oldest first: version n is `versions[n - 1]`. */
  versions: V;
  /** The payload field naming its version; a payload without one is version 1 (written before versions were named). */
  field?: F;
  /** Reads an older version as the current one does (required once there is more than one version). */
  upgrade?: (old: v.InferOutput<Older<V>>) => R;
}

export function defineEvent<const T extends string, const V extends readonly [Schema, ...Schema[]], F extends string = "version", R = never>(
  type: T,
  options: EventOptions<V, F, R>,
): EventDefinition<T, Omitting<v.InferInput<Current<V>>, F>, v.InferOutput<Current<V>> | R>;
export function defineEvent(
  type: string,
  { versions, field = "version", upgrade }: { versions: readonly Schema[]; field?: string; upgrade?: (old: unknown) => unknown },
): EventDefinition {
  const latest = versions.length;
  return {
    type,
    schema: versions[latest - 1]!,
    build: (payload) => ({ type, payload: parse(Payload, parse(versions[latest - 1]!, { ...Object(payload), [field]: latest })) }),
    read(stored) {
      if (stored.type !== type) throw new Error(`A ${stored.type} event read as ${type}`);
      const named: unknown = stored.payload && typeof stored.payload === "object" ? Reflect.get(stored.payload, field) : undefined;
      const version = named ?? 1;
      const schema = typeof version === "number" ? versions[version - 1] : undefined;
      if (!schema) throw new DomainError("event.unknown_version", `${type} version ${String(version)} is not known to this processor.`);
      const payload = parse(schema, stored.payload);
      if (version === latest) return payload;
      if (!upgrade) throw new Error(`${type} has no upgrade from version ${String(version)}`);
      return upgrade(payload);
    },
  };
}

/** Every payload is a JSON object. */
const Payload = v.record(v.string(), v.unknown());

/** The payload type an event's readers get. */
export type PayloadOf<E> = E extends EventDefinition<string, unknown, infer Output> ? Output : never;
