import * as v from "valibot";
import * as Audit from "../audit";
import * as Client from "../client";
import * as Contract from "../contract";
import { AuditEntity } from "../audit/entity";
import { getAll } from "../db/batch-get";
import { ImportRefEntity } from "./entity";
import { DomainError, ValidationError, type FieldIssue } from "../error";
import { newId } from "../id";
import { parse } from "../validation";
import { CONTRACT_FIELDS, type Field } from "./mapping";

export const ACTIONS = ["create", "update", "unchanged", "refused"] as const;

/** What became of one row (or would, in a dry run). */
export const RowReport = v.object({
  row: v.pipe(v.number(), v.description("The row's number as a spreadsheet shows it: the header is row 1")),
  action: v.picklist(ACTIONS),
  contract_id: v.optional(v.string()),
  /** The row's client is created with it (create_clients). */
  creates_client: v.optional(v.boolean()),
  /** The fields an update changes. */
  changes: v.optional(v.array(v.string())),
  /** Why the row is refused, field by field, in the words of the API's 422s. */
  errors: v.optional(v.array(v.object({ path: v.string(), message: v.string() }))),
});
export type RowReport = v.InferOutput<typeof RowReport>;

export type Values = Partial<Record<Field, string | number>>;

/** A row of the file: its number, and its cells as the fields they are. */
export interface Row {
  row: number;
  values: Values;
}

/** One import's settings and what its rows share: the clients found or created by e-mail, and those checked by id. */
export interface RowContext {
  file: string;
  digest: string;
  dryRun: boolean;
  createClients: boolean;
  clients: Map<string, Promise<string | undefined>>;
  checked: Map<string, Promise<void>>;
}

const refused = (row: number, errors: FieldIssue[]): RowReport => ({ row, action: "refused", errors });

/** A domain error as a row's errors: field issues as they are, anything else under the row as a whole. */
const issuesOf = (error: unknown): FieldIssue[] => {
  if (error instanceof ValidationError) return error.issues;
  if (error instanceof DomainError) return [{ path: "", message: error.message }];
  throw error;
};

const claimKey = (values: Values, context: RowContext, row: number) =>
  values.external_ref !== undefined ? `ref:${values.external_ref}` : values.contract_id === undefined ? `file:${context.digest}:${row}` : undefined;

type Claim = { contract_id: string };

/** What the table holds for some rows: the claims on their keys, and the contracts they were imported as or name. */
interface Known {
  claims: Map<string, Claim>;
  contracts: Map<string, Contract.Contract>;
}

/** The claims on `keys`, read consistently (a claim just written must be seen), one request per hundred. */
async function claimsOn(keys: string[]): Promise<Map<string, Claim>> {
  const claims = await getAll(
    keys.map((key) => ({ key })),
    (pending) => ImportRefEntity.get(pending).go({ consistent: true }),
  );
  return new Map(claims.map((claim) => [claim.key, claim]));
}

/** Reads at once what `rows` need: their claims, then the contracts those and their `contract_id`s name. */
async function known(rows: Row[], context: RowContext): Promise<Known> {
  const keys = rows.flatMap(({ row, values }) => claimKey(values, context, row) ?? []);
  const claims = await claimsOn([...new Set(keys)]);
  const ids = rows.flatMap(({ row, values }) => {
    const claim = claims.get(claimKey(values, context, row) ?? "");
    return claim ? [claim.contract_id] : values.contract_id === undefined ? [] : [String(values.contract_id)];
  });
  return { claims, contracts: ids.length > 0 ? await Contract.getMany(ids) : new Map() };
}

/** The row's contract: the one its key was imported as, or the one its `contract_id` names. */
function target(values: Values, key: string | undefined, { claims, contracts }: Known): { contract?: Contract.Contract; missing?: FieldIssue } {
  const claim = key === undefined ? undefined : claims.get(key);
  if (claim) {
    const contract = contracts.get(claim.contract_id);
    return contract ? { contract } : { missing: { path: "", message: `This row was imported as ${claim.contract_id}, which has since been deleted` } };
  }
  if (values.contract_id === undefined) return {};
  const contract = contracts.get(String(values.contract_id));
  return contract ? { contract } : { missing: { path: "contract_id", message: `contract_id: no contract ${values.contract_id}` } };
}

const contractInput = (values: Values) => Object.fromEntries(CONTRACT_FIELDS.flatMap((field) => (values[field] === undefined ? [] : [[field, values[field]]])));

const importNote = (context: RowContext, row: number, contractId: string) =>
  Audit.record({ trail: contractId, entity: "contract", entity_id: contractId, action: "contract.imported", after: { file: context.file, row } });

async function update(row: number, contract: Contract.Contract, values: Values, context: RowContext): Promise<RowReport> {
  const input: Record<string, unknown> = contractInput(values);
  const changes = Object.fromEntries(Object.entries(input).filter(([field, value]) => (contract as Record<string, unknown>)[field] !== value));
  if (Object.keys(changes).length === 0) return { row, action: "unchanged", contract_id: contract.contract_id };
  const report: RowReport = { row, action: "update", contract_id: contract.contract_id, changes: Object.keys(changes).sort() };
  try {
    parse(Contract.UpdateInput, changes);
    if (context.dryRun) return report;
    await Contract.update(contract.contract_id, changes as Contract.UpdateInput, contract.version);
    await AuditEntity.put(importNote(context, row, contract.contract_id)).go();
    return report;
  } catch (error) {
    return refused(row, issuesOf(error));
  }
}

/** The client a row names by e-mail: found, created once however many rows name it, or (dry run) to be created. */
function clientByEmail(email: string, name: string | undefined, context: RowContext): Promise<string | undefined> {
  let found = context.clients.get(email);
  if (!found) {
    found = (async () => {
      try {
        return (await Client.byEmail(email)).client_id;
      } catch (error) {
        if (!(error instanceof DomainError && error.code === "client.not_found") || !context.createClients) return undefined;
        if (context.dryRun) return "";
        return (await Client.create({ name: name ?? email, email })).client_id;
      }
    })();
    context.clients.set(email, found);
  }
  return found;
}

/** A check that a row's client exists, read once however many rows name it (a file is mostly one client's). */
function clientExists(clientId: string, context: RowContext): Promise<void> {
  let found = context.checked.get(clientId);
  if (!found) {
    found = Client.get(clientId).then(
      () => undefined,
      (error: unknown) => {
        // The words of the API's 422 when a contract names a client that does not exist.
        if (error instanceof DomainError && error.code === "client.not_found") throw new ValidationError([{ path: "client_id", message: `Client ${clientId} does not exist` }]);
        throw error;
      },
    );
    context.checked.set(clientId, found);
  }
  return found;
}

/** The entities an imported contract's creation writes besides its own: the claim on its row. */
const CLAIM = { importRef: ImportRefEntity };

/** A row to become a contract: its report, and the contract's creation with the claim on the row. */
interface ToCreate extends Row {
  report: RowReport;
  creation: Contract.Creation<typeof CLAIM>;
}

/** What a row without a contract comes to: refused, planned (dry run), or a contract to create. */
async function prepare(row: number, values: Values, key: string, context: RowContext): Promise<RowReport | ToCreate> {
  const input: Record<string, unknown> = contractInput(values);
  const named = input.client_id !== undefined;
  let createsClient = false;
  if (!named && values.client_email !== undefined) {
    const email = String(values.client_email);
    const clientId = await clientByEmail(email, values.client_name === undefined ? undefined : String(values.client_name), context);
    if (clientId === undefined) {
      return refused(row, [{ path: "client_email", message: `client_email: no client has e-mail ${email}; import with create_clients to create it` }]);
    }
    createsClient = clientId === "";
    input.client_id = createsClient ? newId("CL") : clientId;
  }
  const report: RowReport = { row, action: "create", ...(createsClient ? { creates_client: true } : {}) };
  try {
    const checked = parse(Contract.CreateInput, input);
    // A client found by e-mail exists; one named by id is checked before the rows that name it are written together.
    if (named) await clientExists(checked.client_id, context);
    if (context.dryRun) return report;
    const creation: ToCreate["creation"] = {
      input: checked,
      imported_from: { file: context.file, row },
      writes: ({ importRef }, contract) => [importRef.create({ key, contract_id: contract.contract_id, file: context.file, row, at: contract.created_at }).commit()],
    };
    return { row, values, report, creation };
  } catch (error) {
    return refused(row, issuesOf(error));
  }
}

/** Creates one row's contract; another run of the same file may have taken the row a moment ago. */
async function create({ row, report, creation }: ToCreate, key: string): Promise<RowReport> {
  try {
    const [created] = await Contract.createMany([creation], CLAIM);
    return { ...report, contract_id: created!.contract_id };
  } catch (error) {
    // It exists once, which is what matters.
    const claim = (await claimsOn([key])).get(key);
    if (claim) return { row, action: "unchanged", contract_id: claim.contract_id };
    return refused(row, issuesOf(error));
  }
}

/** Plans (dry run) or applies one row: an update of the contract it names or was imported as, else a new contract. */
export async function importRow(row: number, values: Values, context: RowContext): Promise<RowReport> {
  const key = claimKey(values, context, row);
  const { contract, missing } = target(values, key, await known([{ row, values }], context));
  if (missing) return refused(row, [missing]);
  if (contract) return update(row, contract, values, context);
  const next = await prepare(row, values, key!, context);
  return "creation" in next ? create(next, key!) : next;
}

/** Most items DynamoDB takes in one transaction. */
const TRANSACTION_ITEMS = 100;

/** The rows to create, in groups whose contracts and claims fit one transaction each. */
function* inTransactions(rows: ToCreate[]): Iterable<ToCreate[]> {
  let group: ToCreate[] = [];
  for (const next of rows) {
    const grown = [...group, next];
    if (group.length > 0 && Contract.itemsToCreate(grown.map((r) => r.creation.input)) + grown.length > TRANSACTION_ITEMS) {
      yield group;
      group = [next];
    } else group = grown;
  }
  if (group.length > 0) yield group;
}

/** Creates the contracts of a group in one transaction; if one of them cannot be, row by row, so each gets its own outcome. */
async function createTogether(group: ToCreate[], context: RowContext): Promise<RowReport[]> {
  try {
    const created = await Contract.createMany(
      group.map((r) => r.creation),
      CLAIM,
    );
    return group.map((r, i) => ({ ...r.report, contract_id: created[i]!.contract_id }));
  } catch {
    // A client gone or closed, a row taken by another run, a term the contract refuses: said row by row.
    const reports: RowReport[] = [];
    for (const { row, values } of group) reports.push(await importRow(row, values, context));
    return reports;
  }
}

/**
 * Plans (dry run) or applies rows together, as `importRow` does each: their
 * claims and contracts read in a request or two, their new contracts created a
 * transaction for several rows. Returns their reports in row order.
 */
export async function importRows(rows: Row[], context: RowContext): Promise<RowReport[]> {
  const found = await known(rows, context);
  const reports: RowReport[] = [];
  const creating: ToCreate[] = [];
  const updated = new Set<string>();
  for (const { row, values } of rows) {
    const key = claimKey(values, context, row);
    const { contract, missing } = target(values, key, found);
    if (missing) reports.push(refused(row, [missing]));
    else if (contract) {
      // A second row on the same contract reads it again: the first may have changed it.
      reports.push(updated.has(contract.contract_id) ? await importRow(row, values, context) : await update(row, contract, values, context));
      updated.add(contract.contract_id);
    } else {
      const next = await prepare(row, values, key!, context);
      if ("creation" in next) creating.push(next);
      else reports.push(next);
    }
  }
  for (const group of inTransactions(creating)) reports.push(...(await createTogether(group, context)));
  return reports.sort((a, b) => a.row - b.row);
}
