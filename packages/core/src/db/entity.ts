import { Entity, type Schema } from "electrodb";
import { dynamo, tableName } from "./dynamo";

const BUILT = Symbol("testex.entity.built");

/**
 * An entity of the table, on the shared client, built when it is first used.
 * ElectroDB checks a model against a JSON schema when an entity is constructed
 * (several milliseconds each on a cold start); built here on first use, a cold
 * start pays only for the entities its request touches, and a module may
 * declare or import any number of entities at no cost until one is read.
 * Every entity of the table is declared this way (a test checks), so a new
 * entity or module gets the same for free.
 */
export function entity<A extends string, F extends string, C extends string, S extends Schema<A, F, C>>(schema: S): Entity<A, F, C, S> {
  let built: Entity<A, F, C, S> | undefined;
  const real = () => (built ??= new Entity(schema, { client: dynamo, table: tableName() }));
  // Methods are bound to the real entity, so ElectroDB's own `this` is never the proxy.
  const methods = new Map<PropertyKey, unknown>();
  return new Proxy({} as Entity<A, F, C, S>, {
    get(_, property) {
      if (property === BUILT) return built !== undefined;
      const target = real();
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== "function") return value;
      if (!methods.has(property)) methods.set(property, value.bind(target));
      return methods.get(property);
    },
    has: (_, property) => property === BUILT || Reflect.has(real(), property),
  });
}

/** Whether an entity declared with `entity()` has been built yet (false for anything else). */
export const isBuilt = (value: object): boolean => (value as Record<symbol, unknown>)[BUILT] === true;

/** Whether a value is an entity declared with `entity()`, without building it. */
export const isLazyEntity = (value: object): boolean => BUILT in value;
