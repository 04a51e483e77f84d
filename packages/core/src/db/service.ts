import { createWriteTransaction } from "electrodb";
import { AuditEntity } from "../audit/entity";
import { CalendarFeedEntity, CalendarOwnerEntity } from "../calendar/entity";
import { ClientEmailEntity, ClientEntity } from "../client/entity";
import { ContractEntity, DeletedContractEntity } from "../contract/entity";
import { FileEntity } from "../file/entity";
import { IdempotencyEntity } from "../idempotency/entity";
import { ImportRefEntity } from "../import/entity";
import { NotificationEntity } from "../notification/entity";
import { OutboxEntity } from "../outbox/entity";
import { SearchWordEntity } from "../search/entity";
import { TerminationEntity } from "../termination/entity";
import { WebhookDeliveryEntity, WebhookSubscriptionEntity } from "../webhook/entity";

/** Every entity of the single table, each built on first use (`entity()`). */
export const entities = {
  client: ClientEntity,
  clientEmail: ClientEmailEntity,
  contract: ContractEntity,
  deletedContract: DeletedContractEntity,
  audit: AuditEntity,
  notification: NotificationEntity,
  file: FileEntity,
  termination: TerminationEntity,
  outbox: OutboxEntity,
  idempotency: IdempotencyEntity,
  searchWord: SearchWordEntity,
  importRef: ImportRefEntity,
  calendarFeed: CalendarFeedEntity,
  calendarOwner: CalendarOwnerEntity,
  webhookSubscription: WebhookSubscriptionEntity,
  webhookDelivery: WebhookDeliveryEntity,
};

type Entities = typeof entities;
// ElectroDB infers the items' types from the builder itself.
type WriteBuilder = Parameters<typeof createWriteTransaction<Entities, any, any>>[1];

/**
 * Only the entities a transaction names take part in it: ElectroDB reads the
 * entities it is given (to pick a client, to match cancellation reasons), and
 * reading all of them would build them all.
 */
function write(build: WriteBuilder) {
  const named: Partial<Record<keyof Entities, Entities[keyof Entities]>> = {};
  const tracking = new Proxy(entities, {
    get(all, name) {
      if (typeof name === "string" && name in all) named[name as keyof Entities] = all[name as keyof Entities];
      return Reflect.get(all, name);
    },
  });
  const items = build(tracking as unknown as Parameters<WriteBuilder>[0]);
  return createWriteTransaction(named as Entities, () => items);
}

/**
 * The table's entities and its transactions. Not an ElectroDB Service: a
 * Service builds every entity it joins when it is constructed, and entities
 * here share the client and table already, with no collections to join.
 */
export const db = { entities, transaction: { write } };
