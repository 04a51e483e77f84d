/**
 * Signed webhooks from the outbox (Standard Webhooks): admins subscribe a
 * receiver to event types; every such event is delivered to it, signed with
 * its secret, retried with backoff, logged per subscription and replayable.
 */
import { randomBytes } from "node:crypto";
import * as v from "valibot";
import { PING, PingData } from "./catalogue";
import { open, present, load as loadDelivery, type Delivery } from "./deliveries";
import { get as getSubscription } from "./subscriptions";

export { WebhookDeliveryEntity, WebhookSubscriptionEntity, DELIVERY_STATUSES } from "./entity";
export { EVENT_TYPES, PING, bodySchemas, type EventType } from "./catalogue";
export { Delivery, DeliveryId, bySubscription as deliveries, replay } from "./deliveries";
export { ListQuery, create, list, get, update, rotate, remove, Subscription, SubscriptionId, SubscriptionInput, SubscriptionChanges, RotateInput, WithSecret } from "./subscriptions";
export { fanOut } from "./fanout";

/**
 * A `webhook.ping` delivery to the subscription, whatever its event types:
 * it travels the same way as an event (queued, signed, retried, logged), so
 * a receiver checks its endpoint and its secret with it.
 */
export async function ping(subscriptionId: string): Promise<Delivery> {
  await getSubscription(subscriptionId);
  const delivery_id = `msg_${randomBytes(16).toString("hex")}`;
  const data: v.InferOutput<typeof PingData> = { subscription_id: subscriptionId, message: "A test delivery asked for by an admin." };
  await open({ delivery_id, subscription_id: subscriptionId, event_id: delivery_id, event_type: PING, body: JSON.stringify({ type: PING, timestamp: new Date().toISOString(), data }) });
  return present((await loadDelivery(delivery_id))!);
}
