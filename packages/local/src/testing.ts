import { withContext, type Actor } from "@testex/core";
import { randomUUID } from "node:crypto";

export const editor: Actor = { id: "user-editor", email: "editor@example.com", roles: ["editor"] };

/** Runs core code as `actor`, the way the API middleware does for a request. */
export function as<T>(actor: Actor, fn: () => Promise<T>): Promise<T> {
  return withContext({ actor, requestId: randomUUID() }, fn);
}

let counter = 0;
/** An address no other test uses. */
export const uniqueEmail = (name = "client") => `${name}-${Date.now().toString(36)}-${(counter++).toString(36)}@example.com`;
