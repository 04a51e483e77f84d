/**
 * Webhook subscriptions, managed by admins: a receiver's URL, the event types
 * it wants and its secrets. Each change is audited on the subscription's own
 * trail; the secret is in the reply that made it and nowhere else after.
 */
import type { EntityItem } from "electrodb";
import * as v from "valibot";
import { withCursor, type Page } from "../db/cursor";
import { DomainError } from "../error";
import { newId, idPattern } from "../id";
import { recordChange } from "../outbox/change";
import { Changes, PageQuery, Text, Version } from "../schema";
import { parse } from "../validation";
import { EVENT_TYPES } from "./catalogue";
import { WebhookSubscriptionEntity } from "./entity";
import { newSecret, signing } from "./sign";
import { checkTarget } from "./target";

export type Stored = EntityItem<typeof WebhookSubscriptionEntity>;

export const SubscriptionId = v.pipe(v.string(), v.regex(idPattern("WH"), "Not a webhook subscription id"));

const Url = v.pipe(
  v.string(),
  v.trim(),
  v.maxLength(2048),
  v.description("Where deliveries are POSTed. On a deployed stage an https URL whose host resolves to public addresses only; redirects are not followed."),
);
const EventTypes = v.pipe(
  v.array(v.picklist(EVENT_TYPES)),
  v.minLength(1, "name at least one event type"),
  v.check((types) => new Set(types).size === types.length, "name each event type once"),
  v.description("The event types delivered to this receiver (see the document's `webhooks`)."),
);

export const SubscriptionInput = v.strictObject({
  url: Url,
  event_types: EventTypes,
  description: v.optional(Text(200)),
  enabled: v.optional(v.boolean(), true),
});

// Marked pure: a bundle that manages no webhooks leaves it (and the event catalogue it names) out.
export const SubscriptionChanges = /* @__PURE__ */ Changes({
  url: v.optional(Url),
  event_types: v.optional(EventTypes),
  description: v.optional(Text(200)),
  enabled: v.optional(v.boolean()),
});

export const RotateInput = v.strictObject({
  overlap_hours: v.optional(
    v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(168), v.description("How long the previous secret still signs beside the new one (0 to 168 hours; 24 when left out).")),
    24,
  ),
});

const SecretView = v.object({
  hint: v.pipe(v.string(), v.description("The secret's last four characters, to tell which one a receiver holds.")),
  created_at: v.string(),
  expires_at: v.optional(v.pipe(v.string(), v.description("A rotated-out secret signs beside the new one until then."))),
});

export const Subscription = v.object({
  subscription_id: v.string(),
  url: v.string(),
  description: v.optional(v.string()),
  event_types: v.array(v.string()),
  enabled: v.boolean(),
  secrets: v.pipe(v.array(SecretView), v.description("The secrets that sign deliveries now, newest first; the secrets themselves are shown only when made.")),
  version: Version,
  created_at: v.string(),
  updated_at: v.string(),
});
export type Subscription = v.InferOutput<typeof Subscription>;

// Marked pure: reading `entries` is not known to be free of side effects, and a bundle that never makes a secret needs none of this.
export const WithSecret = /* @__PURE__ */ v.object({
  ...Subscription.entries,
  secret: v.pipe(v.string(), v.description("The new signing secret (`whsec_…`). Shown this once: keep it where the receiver reads it.")),
});
export type WithSecret = v.InferOutput<typeof WithSecret>;

export function present(subscription: Stored, now = Date.now()): Subscription {
  const { secrets, ...rest } = subscription;
  return {
    ...rest,
    secrets: signing(secrets, now).map(({ secret, created_at, expires_at }) => ({ hint: secret.slice(-4), created_at, ...(expires_at ? { expires_at } : {}) })),
  };
}

const notFound = (id: string) => new DomainError("webhook.not_found", `Webhook subscription ${id} does not exist.`, { subscription_id: id });
const changed = (id: string) => new DomainError("version.conflict", `Webhook subscription ${id} changed meanwhile; read it again.`);

export async function load(id: string): Promise<Stored | null> {
  return (await WebhookSubscriptionEntity.get({ subscription_id: id }).go({ consistent: true })).data;
}

async function existing(id: string): Promise<Stored> {
  const found = await load(id);
  if (!found) throw notFound(id);
  return found;
}

export async function create(raw: v.InferInput<typeof SubscriptionInput>): Promise<WithSecret> {
  const input = parse(SubscriptionInput, raw);
  const url = await checkTarget(input.url);
  const at = new Date().toISOString();
  const secret = newSecret();
  const record: Stored = {
    subscription_id: newId("WH"),
    url,
    event_types: input.event_types,
    enabled: input.enabled,
    secrets: [{ secret, created_at: at }],
    version: 1,
    created_at: at,
    updated_at: at,
    ...(input.description ? { description: input.description } : {}),
  };
  await recordChange({
    trail: record.subscription_id,
    entity: "webhook",
    entity_id: record.subscription_id,
    action: "webhook.created",
    after: present(record),
    at,
    entities: { webhookSubscription: WebhookSubscriptionEntity },
    writes: ({ webhookSubscription }) => [webhookSubscription.create(record).commit()],
    explain: () => changed(record.subscription_id),
  });
  return { ...present(record), secret };
}

export const ListQuery = v.strictObject(PageQuery.entries);

/** Every subscription, oldest first. */
export async function list(raw: v.InferInput<typeof ListQuery>): Promise<Page<Subscription>> {
  const page = parse(ListQuery, raw);
  const result = await withCursor(page.cursor, (cursor) => WebhookSubscriptionEntity.query.all({}).go({ limit: page.limit, cursor }));
  return { items: result.data.map((s) => present(s)), next_cursor: result.cursor };
}

/** Every subscription, for the fan-out. */
export async function all(): Promise<Stored[]> {
  return (await WebhookSubscriptionEntity.query.all({}).go({ pages: "all" })).data;
}

export async function get(id: string): Promise<Subscription> {
  return present(await existing(id));
}

/** One change of a subscription, conditioned on the version it was read at, and audited. */
async function change(before: Stored, action: string, fields: Partial<Stored>): Promise<Stored> {
  const at = new Date().toISOString();
  const after: Stored = { ...before, ...fields, version: before.version + 1, updated_at: at };
  await recordChange({
    trail: before.subscription_id,
    entity: "webhook",
    entity_id: before.subscription_id,
    action,
    before: present(before),
    after: present(after),
    at,
    entities: { webhookSubscription: WebhookSubscriptionEntity },
    writes: ({ webhookSubscription }) => [
      webhookSubscription
        .patch({ subscription_id: before.subscription_id })
        .set({ ...fields, version: after.version, updated_at: at })
        .where(({ version }, { eq }) => eq(version, before.version))
        .commit(),
    ],
    explain: async () => ((await load(before.subscription_id)) ? changed(before.subscription_id) : notFound(before.subscription_id)),
  });
  return after;
}

export async function update(id: string, raw: v.InferInput<typeof SubscriptionChanges>): Promise<Subscription> {
  const changes = parse(SubscriptionChanges, raw);
  const before = await existing(id);
  const { version, url, ...rest } = changes;
  if (version !== undefined && version !== before.version)
    throw new DomainError("version.conflict", `Webhook subscription ${id} is at version ${before.version}, not ${version}.`, { current_version: before.version });
  const fields: Partial<Stored> = { ...rest, ...(url === undefined ? {} : { url: await checkTarget(url) }) };
  return present(await change(before, "webhook.updated", fields));
}

/** A new secret that signs from now on; the previous one keeps signing beside it for `overlap_hours`, then stops. */
export async function rotate(id: string, raw: v.InferInput<typeof RotateInput>): Promise<WithSecret> {
  const input = parse(RotateInput, raw);
  const before = await existing(id);
  const now = Date.now();
  const at = new Date(now).toISOString();
  const until = new Date(now + input.overlap_hours * 3600 * 1000).toISOString();
  const secret = newSecret();
  // Secrets already expired are dropped; the ones still signing stop at the end of this overlap at the latest.
  const kept = signing(before.secrets, now)
    .map((s) => ({ ...s, expires_at: s.expires_at && s.expires_at < until ? s.expires_at : until }))
    .filter(() => input.overlap_hours > 0);
  const after = await change(before, "webhook.secret_rotated", { secrets: [{ secret, created_at: at }, ...kept] });
  return { ...present(after), secret };
}

export async function remove(id: string): Promise<void> {
  const before = await existing(id);
  await recordChange({
    trail: id,
    entity: "webhook",
    entity_id: id,
    action: "webhook.deleted",
    before: present(before),
    entities: { webhookSubscription: WebhookSubscriptionEntity },
    writes: ({ webhookSubscription }) => [
      webhookSubscription
        .delete({ subscription_id: id })
        .where(({ version }, { eq }) => eq(version, before.version))
        .commit(),
    ],
    explain: async () => ((await load(id)) ? changed(id) : notFound(id)),
  });
}
