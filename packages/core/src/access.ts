import type { Actor } from "./context";

export const ROLES = ["viewer", "editor", "approver", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** What a request needs; roles grant capabilities, routes ask for one. */
export const CAPABILITIES = ["read", "write", "approve", "admin"] as const;
export type Capability = (typeof CAPABILITIES)[number];

// Approvers are not editors: the person who decides a termination is not the one who shapes it.
const GRANTS: Record<Role, readonly Capability[]> = {
  viewer: ["read"],
  editor: ["read", "write"],
  approver: ["read", "approve"],
  admin: ["read", "write", "approve", "admin"],
};

export function can(actor: Actor, capability: Capability): boolean {
  return actor.roles.some((role) => (GRANTS[role as Role] ?? []).includes(capability));
}
