import { AsyncLocalStorage } from "node:async_hooks";

/** Who is acting. Set once per request or event by the entry point, never by callers of core. */
export interface Actor {
  /** Stable subject id (the token's `sub`, or `system:<job>` for jobs). */
  id: string;
  email?: string;
  /** Display name, from the token's `name` claim. */
  name?: string;
  roles: readonly string[];
}

export interface RequestContext {
  actor: Actor;
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function withContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentContext(): RequestContext {
  const context = storage.getStore();
  if (!context) throw new Error("No request context: wrap the entry point in withContext()");
  return context;
}

export const currentActor = (): Actor => currentContext().actor;

/** Actor for scheduled and event-driven work: audit entries name the job, not a person. */
export const systemActor = (job: string): Actor => ({ id: `system:${job}`, roles: ["system"] });
