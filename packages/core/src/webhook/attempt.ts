/**
 * What the webhook worker does with one queue message: one signed attempt at
 * the delivery it names, recorded. Loads nothing of the event catalogue, so
 * the worker's bundle stays small.
 */
import { settings } from "../config";
import { WebhookSubscriptionEntity } from "./entity";
import { load, recordAttempt } from "./deliveries";
import { post } from "./send";
import { signedHeaders, signing } from "./sign";

/** `retry`: the message comes back after a backoff; `dead`: the attempts are spent; `done`: nothing more to do. */
export type Outcome = "done" | "retry" | "dead";

export async function attempt(deliveryId: string): Promise<Outcome> {
  const delivery = await load(deliveryId);
  // Ended already (a duplicate message), or gone: the record is the truth.
  if (!delivery || delivery.status === "SUCCEEDED" || delivery.status === "DEAD") return "done";
  const { data: subscription } = await WebhookSubscriptionEntity.get({ subscription_id: delivery.subscription_id }).go({ consistent: true });
  const result = subscription?.enabled
    ? await post(subscription.url, await signedHeaders(delivery.delivery_id, delivery.body, signing(subscription.secrets).map((s) => s.secret)), delivery.body, settings().webhooks.timeoutMs)
    : { ok: false, latency_ms: 0, error: subscription ? "the subscription is disabled" : "the subscription was deleted" };
  return recordAttempt(delivery, result);
}
