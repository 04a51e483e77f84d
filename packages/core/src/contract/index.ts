import * as v from "valibot";
import { addDays } from "../dates";
import { currentActor, type Actor } from "../context";
import { getAll } from "../db/batch-get";
import { withCursor, type Page } from "../db/cursor";
import { ClientEntity } from "../client/entity";
import { DomainError, ValidationError } from "../error";
import { newId } from "../id";
import { CurrencyCode } from "../currency";
import type { Commit, Entities, Tx } from "../db/transaction";
import { recordChange, recordChanges } from "../outbox/change";
import * as Search from "../search";
import { requireThresholds, tierAfter } from "./approval";
import { Amount, Changes, ClientId, IsoDate, NO_CHANGE, PageQuery, Text, Version } from "../schema";
import { parse } from "../validation";
import { explainConflict, id, load, versionConflict, type Stored } from "./read";
import { settleTerm, withTerm } from "./settle";
import * as pause from "./pause";
import {
  CONTRACT_STATUSES,
  CONTRACT_TYPES,
  ContractEntity,
  DeletedContractEntity,
  RUNNING_STATUSES,
  TERMINATION_REASONS,
} from "./entity";
import { actorNow, Events } from "./events";
import { Contract } from "./public";
import { DEFAULT_RENEWAL, noticeDeadline, OPEN_END, RENEWALS } from "./term";
import { SearchWordEntity } from "../search/entity";

export { CONTRACT_STATUSES, CONTRACT_TYPES, ContractEntity, Contract, DeletedContractEntity, RENEWALS, RUNNING_STATUSES, TERMINATION_REASONS };

export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

/** A renewal term, in months: from one month to ten years. */
export const TermMonths = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(120));
const terms = {
  title: Search.SearchableText(200, "the contract"),
  contract_type: v.picklist(CONTRACT_TYPES),
  start_date: IsoDate,
  end_date: v.pipe(IsoDate, v.description("Required unless renewal is EVERGREEN, which must not have one.")),
  value: Amount,
  currency: v.optional(
    v.pipe(
      CurrencyCode,
      v.description(
        "An active ISO 4217 code (default USD) that the stage has approval thresholds for, its own or converted from USD at the stage's exchange rate; any other is refused with 422 (`validation.failed` on `currency`).",
      ),
    ),
  ),
  notice_period_days: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(3650))),
  renewal: v.pipe(v.picklist(RENEWALS), v.description("Default NONE. AUTO requires renewal_term_months; EVERGREEN takes no end_date and no renewal_term_months.")),
  renewal_term_months: v.pipe(TermMonths, v.description("AUTO: the length of each renewal. NONE: the default term of a manual renewal.")),
};

const datesInOrder = <T extends { start_date?: string; end_date?: string }>(input: T) =>
  !input.start_date || !input.end_date || input.start_date <= input.end_date;

export const CreateInput = v.pipe(
  v.strictObject({
    client_id: ClientId,
    ...terms,
    end_date: v.optional(terms.end_date),
    renewal: v.optional(terms.renewal),
    renewal_term_months: v.optional(terms.renewal_term_months),
  }),
  v.forward(v.check(datesInOrder, "must not be before start_date"), ["end_date"]),
  v.description(
    "`end_date` must not be before `start_date`, and is required unless `renewal` is EVERGREEN (which takes none). AUTO requires `renewal_term_months`. The client must exist (else 422 naming `client_id`) and be ACTIVE (else 409 `client.inactive`).",
  ),
);
export type CreateInput = v.InferInput<typeof CreateInput>;

/** `client_id` may be sent back unchanged (a contract read and sent back whole); a contract never moves to another client. */
export const UpdateInput = v.pipe(
  Changes({ ...v.partial(v.object(terms)).entries, client_id: v.optional(ClientId) }),
  v.description(
    "The terms to change, at least one besides `version` and `client_id`; fields left out keep their value. `client_id` may be sent back unchanged, never changed (422). " +
      "After the change `end_date` must not be before `start_date`. A body `version` and `If-Match` must name the same version.",
  ),
);
export type UpdateInput = v.InferInput<typeof UpdateInput>;

export const ListQuery = v.strictObject({
  ...PageQuery.entries,
  status: v.optional(v.picklist(CONTRACT_STATUSES)),
  client_id: v.optional(ClientId),
  ending_after: v.optional(IsoDate),
  ending_before: v.optional(v.pipe(IsoDate, v.description("A calendar date (YYYY-MM-DD), not before `ending_after` when both are given (else 422)."))),
  notice_deadline_before: v.pipe(
    v.optional(IsoDate),
    v.description(
      "Running contracts (ACTIVE, SUSPENDED) whose notice deadline is on or before this date, soonest first: what must be decided soon. Combines with status ACTIVE or SUSPENDED only, not with client_id or the ending_* filters (else 422).",
    ),
  ),
});
export type ListQuery = v.InferInput<typeof ListQuery>;

export { id, load, explainConflict, withTerm, type Stored };

export const SearchQuery = v.strictObject({
  q: v.pipe(
    v.string(),
    v.maxLength(200),
    v.check((q) => Search.words(q).length > 0, "Type at least one letter or digit of a title or client name"),
  ),
  limit: PageQuery.entries.limit,
});
export type SearchQuery = v.InferInput<typeof SearchQuery>;

export const SearchResult = v.object({
  items: v.array(v.object({ ...Contract.entries, client_name: v.string() })),
  /** More contracts matched than the reply holds: a longer query narrows it. */
  truncated: v.boolean(),
});
export type SearchResult = v.InferOutput<typeof SearchResult>;

/** What the API shows of a stored contract: the term read with its defaults, the open end hidden. */
export function present(contract: Stored): Contract {
  const renewal = contract.renewal ?? DEFAULT_RENEWAL;
  const { end_date, notice_deadline: _stored, ...rest } = contract;
  const deadline = noticeDeadline({ ...contract, renewal });
  return { ...rest, renewal, ...(renewal === "EVERGREEN" ? {} : { end_date }), ...(deadline ? { notice_deadline: deadline } : {}) };
}

export const get = async (contractId: string): Promise<Contract> => present(await load(contractId, { consistent: false }));

/** Terms may change only while the contract runs and nobody is ending it; an expired one is renewed instead. */
function assertEditable(contract: Stored) {
  if (!RUNNING_STATUSES.includes(contract.status)) {
    throw new DomainError("contract.read_only", `Contract ${contract.contract_id} is ${contract.status} and can no longer be changed.`, {
      status: contract.status,
    });
  }
}

/** A contract to create with others: its terms, what its creation writes besides (an import's claim on its row), and the file and row it was imported from, which its audit entry keeps. */
export interface Creation<E extends Entities> {
  input: CreateInput;
  writes?: (tx: Tx<E>, contract: Stored) => Commit[];
  imported_from?: { file: string; row: number };
}

export const create = async (raw: CreateInput): Promise<Contract> => (await createMany([{ input: raw }]))[0]!;

/** The items creating these contracts writes, besides what each creation adds: each contract, its words, audit entry and event, and one count per client. */
export const itemsToCreate = (inputs: CreateInput[]): number =>
  new Set(inputs.map((input) => input.client_id)).size + inputs.reduce((items, input) => items + 3 + Search.words(input.title).length, 0);

/** A new contract as stored: its terms settled, its approval tier, and who creates it as its owner. */
function newContract(raw: CreateInput, now: string, owner: Actor): Stored {
  const input = parse(CreateInput, raw);
  const currency = input.currency ?? "USD";
  requireThresholds(currency);
  return settleTerm(
    {
      contract_id: newId("CT"),
      ...input,
      currency,
      notice_period_days: input.notice_period_days ?? 30,
      approval_tier: tierAfter(undefined, { value: input.value, currency }),
      owner_id: owner.id,
      ...(owner.email ? { owner_email: owner.email } : {}),
      status: "ACTIVE" as const,
      version: 1,
      created_at: now,
      updated_at: now,
    },
    input,
  );
}

/**
 * Creates contracts in one transaction, all or none: each with its own audit
 * entry and `contract.created` event, and each client's count raised once by
 * its new contracts. At most a transaction's items (`itemsToCreate`).
 */
export async function createMany<E extends Entities = {}>(creations: Creation<E>[], entities?: E): Promise<Contract[]> {
  const now = new Date().toISOString();
  const owner = currentActor();
  const contracts = creations.map(({ input }) => newContract(input, now, owner));
  const shown = contracts.map(present);
  const added = new Map<string, number>();
  for (const { client_id } of contracts) added.set(client_id, (added.get(client_id) ?? 0) + 1);
  await recordChanges({
    changes: contracts.map((contract, i) => {
      const from = creations[i]!.imported_from;
      return {
        trail: contract.contract_id,
        entity: "contract",
        entity_id: contract.contract_id,
        action: "contract.created",
        after: from ? { ...contract, imported_from: from } : contract,
        at: now,
        events: [Events.Created.build({ contract: shown[i]!, actor: actorNow() })],
      };
    }),
    entities: { client: ClientEntity, contract: ContractEntity, searchWord: SearchWordEntity, ...entities },
    writes: (tx) => [
      // Counting the client's contracts here makes "delete a client with contracts" impossible, not just unlikely.
      ...[...added].map(([client_id, count]) =>
        tx.client
          .patch({ client_id })
          .add({ contract_count: count })
          .where(({ status }, { eq }) => eq(status, "ACTIVE"))
          .commit(),
      ),
      ...contracts.flatMap((contract, i) => [
        tx.contract.create(contract).commit(),
        ...Search.reindex(tx.searchWord, "contract", contract.contract_id, undefined, contract.title),
        // What the caller writes with the contract, in the same transaction (an import's claim on its row).
        ...(creations[i]!.writes?.(tx as Tx<E>, contract) ?? []),
      ]),
    ],
    explain: async () => {
      for (const clientId of added.keys()) {
        const { data: client } = await ClientEntity.get({ client_id: clientId }).go({ consistent: true });
        if (!client) return new ValidationError([{ path: "client_id", message: `Client ${clientId} does not exist` }]);
        if (client.status !== "ACTIVE") {
          return new DomainError("client.inactive", `Client ${clientId} is ${client.status}; contracts can be added to ACTIVE clients only.`, { client_status: client.status });
        }
      }
      return new DomainError("version.conflict", "What was to be written with the contracts changed meanwhile; retry.");
    },
  });
  return shown;
}

/** The contracts of `ids` that exist, by id: one request per hundred (an import reads those its rows name at once). */
export async function getMany(ids: string[]): Promise<Map<string, Contract>> {
  const keys = [...new Set(ids)].map((contractId) => ({ contract_id: id(contractId) }));
  const contracts = await getAll(keys, (pending) => ContractEntity.get(pending).go());
  return new Map(contracts.map((contract) => [contract.contract_id, present(withTerm(contract))]));
}

export async function update(contractId: string, raw: UpdateInput, expectedVersion: number): Promise<Contract> {
  const input = parse(UpdateInput, raw);
  const { version: _ignored, client_id: clientId, ...changes } = input;
  const current = await load(contractId);
  if (current.version !== expectedVersion) throw versionConflict(current.version);
  if (clientId !== undefined && clientId !== current.client_id) {
    throw new ValidationError([{ path: "client_id", message: `client_id: the contract belongs to ${current.client_id} and cannot move to another client; create a new contract instead` }]);
  }
  if (Object.keys(changes).length === 0) throw new ValidationError([{ path: "", message: `The body: ${NO_CHANGE}` }]);
  assertEditable(current);
  if (changes.currency !== undefined && changes.currency !== current.currency) requireThresholds(changes.currency);
  const next: Stored = settleTerm({ ...current, ...changes, version: current.version + 1, updated_at: new Date().toISOString() }, changes, current);
  // Remembered so that lowering the value before a termination cannot lower who must approve it.
  next.approval_tier = tierAfter(current, next);
  if (!datesInOrder(next)) throw new ValidationError([{ path: "end_date", message: "end_date: must not be before start_date" }]);
  const [was, shown] = [present(current), present(next)];
  await recordChange({
    trail: current.contract_id,
    entity: "contract",
    entity_id: current.contract_id,
    action: "contract.updated",
    before: current,
    after: next,
    at: next.updated_at,
    events: [Events.Updated.build({ contract: shown, changed: changedFields(was, shown), actor: actorNow() })],
    entities: { contract: ContractEntity, searchWord: SearchWordEntity },
    writes: ({ contract, searchWord }) => [
      contract
        .put(next)
        .where(({ version }, { eq }) => eq(version, expectedVersion))
        .commit(),
      ...Search.reindex(searchWord, "contract", current.contract_id, current.title, next.title),
    ],
    explain: () => explainConflict(current.contract_id, expectedVersion),
  });
  return shown;
}

/** The public fields an update changed; every update moves `version` and `updated_at`, so they say nothing. */
function changedFields(before: Contract, after: Contract): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  keys.delete("version");
  keys.delete("updated_at");
  return [...keys].filter((key) => JSON.stringify(before[key as keyof Contract]) !== JSON.stringify(after[key as keyof Contract])).sort();
}

/**
 * Deleting removes the contract from every list but keeps a copy (restorable)
 * and its whole audit trail; its documents are withdrawn to the archives
 * bucket (no link reaches them) until a restore brings the contract back. A contract that ever entered termination is a
 * legal record and is never deleted.
 */
export async function remove(contractId: string, expectedVersion: number): Promise<void> {
  const current = await load(contractId);
  if (current.version !== expectedVersion) throw versionConflict(current.version);
  const hasTermination = () =>
    new DomainError("contract.has_termination", `Contract ${contractId} has a termination on record and is kept.`, { status: current.status });
  if (current.termination_id || current.status === "TERMINATED" || current.status === "PENDING_TERMINATION") throw hasTermination();
  const now = new Date().toISOString();
  const actor = currentActor();
  const deleted = Events.Deleted.build({ contract: { contract_id: current.contract_id, client_id: current.client_id }, actor: actorNow() });
  await recordChange({
    trail: current.contract_id,
    entity: "contract",
    entity_id: current.contract_id,
    action: "contract.deleted",
    before: current,
    at: now,
    entities: { client: ClientEntity, contract: ContractEntity, deletedContract: DeletedContractEntity, searchWord: SearchWordEntity },
    writes: ({ client, contract, deletedContract, searchWord }) => [
      contract
        .delete({ contract_id: current.contract_id })
        .where(({ version, termination_id }, { eq, notExists }) => `${eq(version, expectedVersion)} AND ${notExists(termination_id)}`)
        .commit(),
      deletedContract.put({ contract_id: current.contract_id, contract: current, deleted_at: now, deleted_by: actor.id }).commit(),
      client.patch({ client_id: current.client_id }).add({ contract_count: -1 }).commit(),
      ...Search.reindex(searchWord, "contract", current.contract_id, current.title, undefined),
    ],
    // Its documents follow: the processor withdraws them from the files bucket.
    events: [deleted],
    explain: async () => {
      const again = await explainConflict(current.contract_id, expectedVersion);
      const { data } = await ContractEntity.get({ contract_id: current.contract_id }).go({ consistent: true });
      return data?.termination_id ? hasTermination() : again;
    },
  });
}

/** Contracts ordered by end date, from whichever index the filters select. Dates are inclusive. */
export async function list(raw: ListQuery): Promise<Page<Contract>> {
  const query = parse(ListQuery, raw);
  const { ending_after: after, ending_before: last, status } = query;
  if (after && last && after > last) {
    throw new ValidationError([{ path: "ending_after", message: "ending_after: must not be after ending_before" }]);
  }
  if (query.notice_deadline_before) return byNoticeDeadline(query);
  // Sort keys are `end_date#contract_id`, so "ends on or before D" is "< the day after D".
  const before = last && nextDay(last);
  const contracts = ContractEntity.query;

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
  return { items: result.data.map(present), next_cursor: result.cursor };
}

/** Running contracts by notice deadline, from the sparse index that holds only them. */
async function byNoticeDeadline(query: v.InferOutput<typeof ListQuery>): Promise<Page<Contract>> {
  const mixed = (["client_id", "ending_after", "ending_before"] as const).filter((name) => query[name] !== undefined);
  const issues: { path: string; message: string }[] = mixed.map((name) => ({ path: name, message: `${name}: cannot be combined with notice_deadline_before` }));
  if (query.status && !RUNNING_STATUSES.includes(query.status)) {
    issues.push({ path: "status", message: "status: with notice_deadline_before, status is ACTIVE or SUSPENDED: only running contracts have a deadline to meet" });
  }
  if (issues.length) throw new ValidationError(issues);
  const { status } = query;
  const result = await withCursor(query.cursor, (cursor) =>
    ContractEntity.query
      .byNoticeDeadline({})
      .lt({ notice_deadline: nextDay(query.notice_deadline_before!) })
      .where((attr, { eq }) => (status ? eq(attr.status, status) : ""))
      .go(status ? { count: query.limit, cursor } : { limit: query.limit, cursor }),
  );
  return { items: result.data.map(present), next_cursor: result.cursor };
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

const nextDay = (date: string) => addDays(date, 1);

/** The contract after the move, as the API shows it. */
export const suspend = async (contractId: string): Promise<Contract> => present(await pause.suspend(contractId));
export const reinstate = async (contractId: string): Promise<Contract> => present(await pause.reinstate(contractId));
/** Candidates read per query word; past that, the reply says more matched. */
const CANDIDATES = 200;
const CLIENTS = 20;

/**
 * Contracts whose title or client's name has words starting with every word
 * of `q` ("acm sup" finds "Support" for "ACME Ltd"), ordered by end date.
 * Served by Queries on the word index and the client index: the longest word
 * of the query selects the candidates, the others narrow them.
 */
export async function search(raw: SearchQuery): Promise<SearchResult> {
  const query = parse(SearchQuery, raw);
  const terms = Search.words(query.q);
  const lead = terms.reduce((a, b) => (b.length > a.length ? b : a));

  const [byTitle, byName] = await Promise.all([
    Search.idsByPrefix("contract", lead, CANDIDATES),
    Search.idsByPrefix("client", lead, CLIENTS),
  ]);
  const ofClients = await Promise.all(
    byName.ids.map((client_id) => ContractEntity.query.byClient({ client_id }).go({ limit: CANDIDATES })),
  );
  const found = new Map<string, Contract>();
  for (const { data } of ofClients) for (const contract of data) found.set(contract.contract_id, present(contract));
  const missing = byTitle.ids.filter((id) => !found.has(id));
  if (missing.length > 0) {
    const { data } = await ContractEntity.get(missing.map((contract_id) => ({ contract_id }))).go();
    for (const contract of data) found.set(contract.contract_id, present(contract));
  }

  const clientIds = [...new Set([...found.values()].map((contract) => contract.client_id))];
  const names = new Map<string, string>();
  if (clientIds.length > 0) {
    const { data } = await ClientEntity.get(clientIds.map((client_id) => ({ client_id }))).go({ attributes: ["client_id", "name"] });
    for (const client of data) names.set(client.client_id, client.name);
  }

  const matches = [...found.values()]
    .map((contract) => ({ ...contract, client_name: names.get(contract.client_id) ?? "" }))
    .filter((match) => Search.matchesAll(terms, `${match.title} ${match.client_name}`))
    .sort((a, b) => (a.end_date ?? OPEN_END).localeCompare(b.end_date ?? OPEN_END) || a.contract_id.localeCompare(b.contract_id));
  const capped = byTitle.more || byName.more || ofClients.some((page) => page.cursor !== null);
  return { items: matches.slice(0, query.limit), truncated: capped || matches.length > query.limit };
}
