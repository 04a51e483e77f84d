import { Service } from "electrodb";
import { AuditEntity } from "../audit/entity";
import { ClientEmailEntity, ClientEntity } from "../client/entity";
import { ContractEntity, DeletedContractEntity } from "../contract/entity";
import { FileEntity } from "../file/entity";
import { IdempotencyEntity } from "../idempotency/entity";
import { NotificationEntity } from "../notification/entity";
import { OutboxEntity } from "../outbox/entity";
import { SearchWordEntity } from "../search/entity";
import { TerminationEntity } from "../termination/entity";
import { dynamo, tableName } from "./dynamo";

/** Every entity of the single table. Transactions span entities, so they share one Service. */
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
};

export const db = new Service(entities, { client: dynamo, table: tableName() });
