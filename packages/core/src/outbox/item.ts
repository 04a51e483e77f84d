import type { EntityItem } from "electrodb";
import { newId } from "../id";
import type { OutboxEntity } from "./entity";

export type Stored = EntityItem<typeof OutboxEntity>;

/** The new outbox item for an event, to be put in the same transaction as the change it reports. */
export function event(type: string, contractId: string, payload: object, at = new Date().toISOString()): Stored {
  const eventId = newId("EV", 16);
  return {
    event_id: eventId,
    origin_id: eventId,
    type,
    contract_id: contractId,
    payload: JSON.parse(JSON.stringify(payload)),
    status: "PENDING",
    attempts: 0,
    created_at: at,
    updated_at: at,
  };
}

