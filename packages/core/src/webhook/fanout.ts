/**
 * From the outbox to the receivers: each event of an offered type becomes one
 * delivery record per enabled subscription that asked for it, each queued as
 * its own message, so a slow or failing receiver holds up only its own
 * deliveries, never the event's other effects or other subscriptions.
 */
import type { Stored as OutboxEvent } from "../outbox";
import { bodyOf, isOffered } from "./catalogue";
import { deliveryId, open } from "./deliveries";
import { all } from "./subscriptions";

export async function fanOut(event: OutboxEvent): Promise<number> {
  if (!isOffered(event.type)) return 0;
  const subscribers = (await all()).filter((s) => s.enabled && s.event_types.includes(event.type));
  if (subscribers.length === 0) return 0;
  const body = bodyOf(event);
  for (const subscription of subscribers) {
    await open({ delivery_id: deliveryId(event.origin_id, subscription.subscription_id), subscription_id: subscription.subscription_id, event_id: event.origin_id, event_type: event.type, body });
  }
  return subscribers.length;
}
