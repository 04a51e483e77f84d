/**
 * The events a webhook can subscribe to, and the body each delivery carries.
 * Each is an outbox event declared with `defineEvent`: the body's `data` is
 * the payload read through its definition, so receivers get the same
 * versioned schema the effects read (`schema_version` or `version` in it).
 */
import * as v from "valibot";
import { Events as Restore } from "../backup/events";
import { Events as Contract } from "../contract/events";
import type { EventDefinition } from "../event";
import { Events as Notice } from "../notification/events";
import type { Stored as OutboxEvent } from "../outbox";
import { Events as Termination } from "../termination/events";

export const EVENT_TYPES = [
  "contract.created",
  "contract.updated",
  "contract.renewed",
  "contract.expired",
  "contract.suspended",
  "contract.reinstated",
  "contract.deleted",
  "contract.restored",
  "termination.requested",
  "termination.approval_recorded",
  "termination.approved",
  "termination.rejected",
  "termination.scheduled",
  "termination.completed",
  "termination.withdrawn",
  "notice.delivered",
  "notice.bounced",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * Each offered type's definition. Built when first read, not when the module
 * loads: a bundle that only lists subscriptions (or none) carries no event
 * definitions and nothing their readers need.
 */
const definitions = (): { [T in EventType]: EventDefinition<T> } => ({
  "contract.created": Contract.Created,
  "contract.updated": Contract.Updated,
  "contract.renewed": Contract.Renewed,
  "contract.expired": Contract.Expired,
  "contract.suspended": Contract.Suspended,
  "contract.reinstated": Contract.Reinstated,
  "contract.deleted": Contract.Deleted,
  "contract.restored": Restore.Restored,
  "termination.requested": Termination.Requested,
  "termination.approval_recorded": Termination.ApprovalRecorded,
  "termination.approved": Termination.Approved,
  "termination.rejected": Termination.Rejected,
  "termination.scheduled": Termination.Scheduled,
  "termination.completed": Termination.Completed,
  "termination.withdrawn": Termination.Withdrawn,
  "notice.delivered": Notice.Delivered,
  "notice.bounced": Notice.Bounced,
});

/** Sent by `POST /admin/webhooks/{id}/ping` only: a receiver checks its endpoint and its secret with it. */
export const PING = "webhook.ping";
export const PingData = v.object({ subscription_id: v.string(), message: v.string() });

export const isOffered = (type: string): type is EventType => (EVENT_TYPES as readonly string[]).includes(type);

/** The body of a delivery, as the specification shapes it: `type`, `timestamp` and `data`. */
export const Envelope = <T extends string, S extends v.GenericSchema>(type: T, data: S) =>
  v.object({
    type: v.pipe(v.literal(type), v.description("The event's type.")),
    timestamp: v.pipe(v.string(), v.description("When the event happened (ISO 8601, UTC).")),
    data,
  });

/** Every offered event's body schema, by type, for the API document. */
export const bodySchemas = (): Record<string, v.GenericSchema> => ({
  ...Object.fromEntries(Object.entries(definitions()).map(([type, definition]) => [type, Envelope(type, definition.schema)])),
  [PING]: Envelope(PING, PingData),
});

/** The JSON body a subscriber of `event` receives. */
export function bodyOf(event: OutboxEvent): string {
  const definition: EventDefinition = definitions()[event.type as EventType];
  return JSON.stringify({ type: event.type, timestamp: event.created_at, data: definition.read(event) });
}
