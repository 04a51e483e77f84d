import type { EntityItem } from "electrodb";
import * as v from "valibot";
import * as Audit from "../audit";
import { currentActor } from "../context";
import { withCursor, type Page } from "../db/cursor";
import { db } from "../db/service";
import { writeTransaction } from "../db/transaction";
import { DomainError, ValidationError } from "../error";
import { newId } from "../id";
import { ClientId, ContractId, IsoDate, PageQuery, Text, Version } from "../schema";
import { parse } from "../validation";
import {
  CONTRACT_STATUSES,
  CONTRACT_TYPES,
  ContractEntity,
  DeletedContractEntity,
  TERMINATION_REASONS,
} from "./entity";

export { CONTRACT_STATUSES, CONTRACT_TYPES, ContractEntity, DeletedContractEntity, TERMINATION_REASONS };

export const Contract = v.object({
  contract_id: v.string(),
  client_id: v.string(),
  title: v.string(),
  contract_type: v.picklist(CONTRACT_TYPES),
  status: v.picklist(CONTRACT_STATUSES),
  start_date: v.string(),
  end_date: v.string(),
  value: v.number(),
  currency: v.string(),
  notice_period_days: v.number(),
  termination_reason: v.optional(v.picklist(TERMINATION_REASONS)),
  termination_id: v.optional(v.string()),
  version: v.number(),
  created_at: v.string(),
  updated_at: v.string(),
});
export type Contract = v.InferOutput<typeof Contract>;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

/** An amount in the contract's currency, to the cent. */
const Money = v.pipe(
  v.number(),
  v.finite(),
  v.minValue(0),
  v.maxValue(1e13),
  v.check((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, "At most two decimals"),
);

const terms = {
  title: Text(200),
  contract_type: v.picklist(CONTRACT_TYPES),
  start_date: IsoDate,
  end_date: IsoDate,
  value: Money,
  currency: v.optional(v.pipe(v.string(), v.regex(/^[A-Z]{3}$/, "Expected an ISO 4217 code such as EUR"))),
  notice_period_days: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(3650))),
};

const datesInOrder = <T extends { start_date?: string; end_date?: string }>(input: T) =>
  !input.start_date || !input.end_date || input.start_date <= input.end_date;

export const CreateInput = v.pipe(
  v.strictObject({ client_id: ClientId, ...terms }),
  v.forward(v.check(datesInOrder, "end_date must not be before start_date"), ["end_date"]),
);
export type CreateInput = v.InferInput<typeof CreateInput>;

export const UpdateInput = v.strictObject({ ...v.partial(v.object(terms)).entries, version: v.optional(Version) });
export type UpdateInput = v.InferInput<typeof UpdateInput>;

export const ListQuery = v.strictObject({
  ...PageQuery.entries,
  status: v.optional(v.picklist(CONTRACT_STATUSES)),
  client_id: v.optional(ClientId),
  ending_after: v.optional(IsoDate),
  ending_before: v.optional(IsoDate),
});
export type ListQuery = v.InferInput<typeof ListQuery>;

export type Stored = EntityItem<typeof ContractEntity>;

export const id = (raw: string) => parse(ContractId, raw);

/**
 * The contract as a write path sees it: strongly consistent, so a version
 * just written is never read stale (DynamoDB's default read may be, and a
 * fresh If-Match would then get a false 409). Plain reads (`get`) need not pay for it.
 */
export async function load(contractId: string, options: { consistent: boolean } = { consistent: true }): Promise<Stored> {
  const { data } = await db.entities.contract.get({ contract_id: id(contractId) }).go(options);
  if (!data) throw notFound(contractId);
  return data;
}

const notFound = (contractId: string) =>
  new DomainError("contract.not_found", `Contract ${contractId} does not exist.`, { contract_id: contractId });

export const get = (contractId: string): Promise<Contract> => load(contractId, { consistent: false });

const versionConflict = (current: number) =>
  new DomainError("version.conflict", `The contract is at version ${current}; reload it and retry.`, { current_version: current });

/** Reads the contract again to say why a conditional write on it failed. */
export async function explainConflict(contractId: string, expectedVersion: number): Promise<DomainError> {
  const { data } = await db.entities.contract.get({ contract_id: contractId }).go({ consistent: true });
  if (!data) return notFound(contractId);
  if (data.version !== expectedVersion) return versionConflict(data.version);
  return new DomainError("version.conflict", "The contract changed while this request ran; retry.");
}

/** Terms may change only while nobody is ending the contract. */
function assertEditable(contract: Stored) {
  if (contract.status === "TERMINATED" || contract.status === "PENDING_TERMINATION") {
    throw new DomainError("contract.read_only", `Contract ${contract.contract_id} is ${contract.status} and can no longer be changed.`, {
      status: contract.status,
    });
  }
}

export async function create(raw: CreateInput): Promise<Contract> {
  const input = parse(CreateInput, raw);
  const now = new Date().toISOString();
  const contract: Stored = {
    contract_id: newId("CT"),
    ...input,
    currency: input.currency ?? "USD",
    notice_period_days: input.notice_period_days ?? 30,
    status: "ACTIVE",
    version: 1,
    created_at: now,
    updated_at: now,
  };
  await writeTransaction(
    ({ client, contract: contracts, audit }) => [
      // Counting the client's contracts here makes "delete a client with contracts" impossible, not just unlikely.
      client
        .patch({ client_id: contract.client_id })
        .add({ contract_count: 1 })
        .where(({ status }, { eq }) => eq(status, "ACTIVE"))
        .commit(),
      contracts.create(contract).commit(),
      audit
        .put(Audit.record({ trail: contract.contract_id, entity: "contract", entity_id: contract.contract_id, action: "contract.created", after: contract }, now))
        .commit(),
    ],
    async () => {
      const { data: owner } = await db.entities.client.get({ client_id: contract.client_id }).go({ consistent: true });
      if (!owner) throw new ValidationError([{ path: "client_id", message: `Client ${contract.client_id} does not exist` }]);
      return new DomainError("client.inactive", `Client ${contract.client_id} is ${owner.status}; contracts can be added to ACTIVE clients only.`, {
        client_status: owner.status,
      });
    },
  );
  return contract;
}

export async function update(contractId: string, raw: UpdateInput, expectedVersion: number): Promise<Contract> {
  const input = parse(UpdateInput, raw);
  const { version: _ignored, ...changes } = input;
  const current = await load(contractId);
  if (current.version !== expectedVersion) throw versionConflict(current.version);
  assertEditable(current);
  const next: Stored = { ...current, ...changes, version: current.version + 1, updated_at: new Date().toISOString() };
  if (!datesInOrder(next)) throw new ValidationError([{ path: "end_date", message: "end_date must not be before start_date" }]);
  await writeTransaction(
    ({ contract, audit }) => [
      contract
        .put(next)
        .where(({ version }, { eq }) => eq(version, expectedVersion))
        .commit(),
      audit
        .put(Audit.record({ trail: current.contract_id, entity: "contract", entity_id: current.contract_id, action: "contract.updated", before: current, after: next }, next.updated_at))
        .commit(),
    ],
    () => explainConflict(current.contract_id, expectedVersion),
  );
  return next;
}

/**
 * Deleting removes the contract from every list but keeps a copy (restorable)
 * and its whole audit trail. A contract that ever entered termination is a
 * legal record and is never deleted.
 */
export async function remove(contractId: string, expectedVersion: number): Promise<void> {
  const current = await load(contractId);
  if (current.version !== expectedVersion) throw versionConflict(current.version);
  const hasTermination = () =>
    new DomainError("contract.has_termination", `Contract ${contractId} has a termination on record and is kept.`, { status: current.status });
  if (current.termination_id || current.status === "TERMINATED" || current.status === "PENDING_TERMINATION") throw hasTermination();
  const now = new Date().toISOString();
  await writeTransaction(
    ({ client, contract, deletedContract, audit }) => [
      contract
        .delete({ contract_id: current.contract_id })
        .where(({ version, termination_id }, { eq, notExists }) => `${eq(version, expectedVersion)} AND ${notExists(termination_id)}`)
        .commit(),
      deletedContract.put({ contract_id: current.contract_id, contract: current, deleted_at: now, deleted_by: currentActor().id }).commit(),
      client.patch({ client_id: current.client_id }).add({ contract_count: -1 }).commit(),
      audit
        .put(Audit.record({ trail: current.contract_id, entity: "contract", entity_id: current.contract_id, action: "contract.deleted", before: current }, now))
        .commit(),
    ],
    async () => {
      const again = await explainConflict(current.contract_id, expectedVersion);
      const { data } = await db.entities.contract.get({ contract_id: current.contract_id }).go({ consistent: true });
      return data?.termination_id ? hasTermination() : again;
    },
  );
}

/** Contracts ordered by end date, from whichever index the filters select. Dates are inclusive. */
export async function list(raw: ListQuery): Promise<Page<Contract>> {
  const query = parse(ListQuery, raw);
  const { ending_after: after, ending_before: last, status } = query;
  if (after && last && after > last) {
    throw new ValidationError([{ path: "ending_after", message: "ending_after must not be after ending_before" }]);
  }
  // Sort keys are `end_date#contract_id`, so "ends on or before D" is "< the day after D".
  const before = last && nextDay(last);
  const contracts = db.entities.contract.query;

  const result = await withCursor(query.cursor, (cursor) =>
    query.client_id
      ? inRange(contracts.byClient({ client_id: query.client_id }), after, before)
          .where((attr, { eq }) => (status ? eq(attr.status, status) : ""))
          // Filtered by status: `count` reads on until the page is full, so a page is never short while more match.
          .go(status ? { count: query.limit, cursor } : { limit: query.limit, cursor })
      : status
        ? inRange(contracts.byStatus({ status }), after, before).go({ limit: query.limit, cursor })
        : inRange(contracts.byEndDate({}), after, before).go({ limit: query.limit, cursor }),
  );
  return { items: result.data, next_cursor: result.cursor };
}

interface EndDateRange<Q> {
  between(from: { end_date: string }, to: { end_date: string }): Q;
  gte(from: { end_date: string }): Q;
  lt(to: { end_date: string }): Q;
}

function inRange<Q>(query: EndDateRange<Q> & Q, after?: string, before?: string): Q {
  if (after && before) return query.between({ end_date: after }, { end_date: before });
  if (after) return query.gte({ end_date: after });
  if (before) return query.lt({ end_date: before });
  return query;
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
