import { AuditEntity } from "./audit/entity";
import { CalendarFeedEntity, CalendarOwnerEntity } from "./calendar/entity";
import { ClientEmailEntity, ClientEntity } from "./client/entity";
import { ContractEntity, DeletedContractEntity } from "./contract/entity";
import { FileEntity } from "./file/entity";
import { IdempotencyEntity } from "./idempotency/entity";
import { ImportJobEntity, ImportMappingEntity, ImportRefEntity, ImportRefusalEntity, ImportUploadEntity } from "./import/entity";
import { NotificationEntity } from "./notification/entity";
import { OutboxEntity } from "./outbox/entity";
import { SearchWordEntity } from "./search/entity";
import { TerminationEntity } from "./termination/entity";
import { WebhookDeliveryEntity, WebhookSubscriptionEntity } from "./webhook/entity";

/**
 * Every entity of the single table, each built on first use (`entity()`).
 * It sits above every module: a module reads and writes its own entity and
 * those of the modules below it, and only what needs them all (tests, the
 * bench, tools) reads this list. A new entity is declared in its module's
 * `entity.ts` and added here, once.
 */
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
  importUpload: ImportUploadEntity,
  importJob: ImportJobEntity,
  importRefusal: ImportRefusalEntity,
  importMapping: ImportMappingEntity,
  calendarFeed: CalendarFeedEntity,
  calendarOwner: CalendarOwnerEntity,
  webhookSubscription: WebhookSubscriptionEntity,
  webhookDelivery: WebhookDeliveryEntity,
};

/** The table's entities by name, for code that reads any of them (`db.entities.contract.get(…)`). */
export const db = { entities };
