import type { EntityItem } from "electrodb";
import * as v from "valibot";
import { currentContext } from "../context";
import { withCursor, type Page } from "../db/cursor";
import { newId } from "../id";
import { AuditEntity } from "./entity";

export { AuditEntity };

export const AuditEntry = v.object({
  audit_id: v.string(),
  entity: v.string(),
  entity_id: v.string(),
  action: v.string(),
  actor: v.string(),
  actor_email: v.optional(v.string()),
  actor_name: v.optional(v.string()),
  request_id: v.string(),
  at: v.string(),
  before: v.optional(v.unknown()),
  after: v.optional(v.unknown()),
});
export type AuditEntry = v.InferOutput<typeof AuditEntry>;

export interface Change {
  /** The aggregate whose trail this belongs to (contract or client id). */
  trail: string;
  entity: string;
  entity_id: string;
  action: string;
  before?: unknown;
  after?: unknown;
}

// DynamoDB rejects `undefined`; an audit image is a plain JSON snapshot anyway.
const snapshot = (value: unknown) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

/**
 * The audit item for a change, to be written in the same transaction as the
 * change itself. Actor and request id come from the request context, never from input.
 */
export function record(change: Change, at = new Date().toISOString()) {
  const { actor, requestId } = currentContext();
  return {
    audit_id: newId("AU", 16),
    trail: change.trail,
    entity: change.entity,
    entity_id: change.entity_id,
    action: change.action,
    actor: actor.id,
    actor_email: actor.email,
    actor_name: actor.name,
    request_id: requestId,
    at,
    before: snapshot(change.before),
    after: snapshot(change.after),
  };
}

type Stored = EntityItem<typeof AuditEntity>;
const present = ({ trail: _trail, ...entry }: Stored): AuditEntry => entry;

export interface ListInput {
  limit: number;
  cursor?: string;
}

/** A contract's or client's history, newest first. */
export async function trail(id: string, page: ListInput): Promise<Page<AuditEntry>> {
  const result = await withCursor(page.cursor, (cursor) => AuditEntity.query.byTrail({ trail: id }).go({ order: "desc", limit: page.limit, cursor }));
  return { items: result.data.map(present), next_cursor: result.cursor };
}

/** Everything one person (or job) did, newest first. */
export async function byActor(actor: string, page: ListInput): Promise<Page<AuditEntry>> {
  const result = await withCursor(page.cursor, (cursor) => AuditEntity.query.byActor({ actor }).go({ order: "desc", limit: page.limit, cursor }));
  return { items: result.data.map(present), next_cursor: result.cursor };
}
