import * as v from "valibot";
import * as Audit from "../audit";
import * as Client from "../client";
import * as Contract from "../contract";
import { AuditEntity } from "../audit/entity";
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

/** One import's settings and what its rows share: the clients found or created by e-mail, and (dry run) those checked by id. */
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

async function existing(id: string): Promise<Contract.Contract | undefined> {
  try {
    return await Contract.get(id);
  } catch (error) {
    if (error instanceof DomainError && error.code === "contract.not_found") return undefined;
    throw error;
  }
}

/** The row's contract: the one its key was imported as, or the one its `contract_id` names. */
async function target(values: Values, key: string | undefined): Promise<{ contract?: Contract.Contract; missing?: FieldIssue }> {
  if (key) {
    const { data: ref } = await ImportRefEntity.get({ key }).go({ consistent: true });
    if (ref) {
      const contract = await existing(ref.contract_id);
      return contract ? { contract } : { missing: { path: "", message: `This row was imported as ${ref.contract_id}, which has since been deleted` } };
    }
  }
  if (values.contract_id === undefined) return {};
  const contract = await existing(String(values.contract_id));
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

/** A dry run's check that a row's client exists, read once however many rows name it (a file is mostly one client's). */
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

async function create(row: number, values: Values, key: string, context: RowContext): Promise<RowReport> {
  const input: Record<string, unknown> = contractInput(values);
  let createsClient = false;
  if (input.client_id === undefined && values.client_email !== undefined) {
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
    if (context.dryRun) {
      if (!createsClient) await clientExists(checked.client_id, context);
      return report;
    }
    const created = await Contract.create(checked, {
      entities: { importRef: ImportRefEntity, audit: AuditEntity },
      writes: (entities, contract) => [
        entities.importRef.create({ key, contract_id: contract.contract_id, file: context.file, row, at: contract.created_at }).commit(),
        entities.audit.put(importNote(context, row, contract.contract_id)).commit(),
      ],
    });
    return { ...report, contract_id: created.contract_id };
  } catch (error) {
    // Another run of the same file took this row a moment ago: it exists once, which is what matters.
    const { data: ref } = await ImportRefEntity.get({ key }).go({ consistent: true });
    if (ref) return { row, action: "unchanged", contract_id: ref.contract_id };
    return refused(row, issuesOf(error));
  }
}

/** Plans (dry run) or applies one row: an update of the contract it names or was imported as, else a new contract. */
export async function importRow(row: number, values: Values, context: RowContext): Promise<RowReport> {
  const key = claimKey(values, context, row);
  const { contract, missing } = await target(values, key);
  if (missing) return refused(row, [missing]);
  if (contract) return update(row, contract, values, context);
  return create(row, values, key!, context);
}
