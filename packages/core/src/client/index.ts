import type { EntityItem } from "electrodb";
import * as v from "valibot";
import { withCursor, type Page } from "../db/cursor";
import { AuditEntity } from "../audit/entity";
import { DomainError } from "../error";
import { newId } from "../id";
import { recordChange } from "../outbox/change";
import { Changes, ClientId, Email, Text } from "../schema";
import * as Search from "../search";
import { parse } from "../validation";
import { CLIENT_STATUSES, ClientEmailEntity, ClientEntity } from "./entity";
import { SearchWordEntity } from "../search/entity";

export { ClientEmailEntity, ClientEntity };

export const Client = v.object({
  client_id: v.string(),
  name: v.string(),
  email: v.string(),
  phone: v.optional(v.string()),
  address: v.optional(v.string()),
  status: v.picklist(CLIENT_STATUSES),
  version: v.number(),
  created_at: v.string(),
  updated_at: v.string(),
});
export type Client = v.InferOutput<typeof Client>;

const editable = {
  name: Search.SearchableText(200, "the client and its contracts"),
  email: Email,
  phone: v.optional(v.pipe(v.string(), v.trim(), v.regex(/^\+?[0-9 ()./-]{3,32}$/, "Not a phone number"))),
  address: v.optional(Text(500)),
  status: v.optional(v.picklist(CLIENT_STATUSES)),
};

export const CreateInput = v.strictObject(editable);
export type CreateInput = v.InferInput<typeof CreateInput>;

export const UpdateInput = Changes(v.partial(v.object(editable)).entries);
export type UpdateInput = v.InferInput<typeof UpdateInput>;

type Stored = EntityItem<typeof ClientEntity>;
const present = ({ contract_count: _count, ...client }: Stored): Client => client;

export const id = (raw: string) => parse(ClientId, raw);

/** Strongly consistent unless told otherwise: write paths compare versions on what they read. */
async function load(clientId: string, options: { consistent: boolean } = { consistent: true }): Promise<Stored> {
  const { data } = await ClientEntity.get({ client_id: id(clientId) }).go(options);
  if (!data) throw new DomainError("client.not_found", `Client ${clientId} does not exist.`, { client_id: clientId });
  return data;
}

export const get = async (clientId: string, options = { consistent: false }): Promise<Client> => present(await load(clientId, options));

/**
 * The client as it was at `at` (an ISO timestamp), or null if it did not
 * exist then. Usually that is the client as it is (one read); when it changed
 * since, its audit trail says what it was (one more Query). Notices use it to
 * reach the client a decision was made about, whenever they are sent.
 */
export async function asOf(clientId: string, at: string): Promise<Client | null> {
  // Consistent: a change just written must send us to the trail, not be missed.
  const { data } = await ClientEntity.get({ client_id: id(clientId) }).go({ consistent: true });
  if (data && data.updated_at <= at) return present(data);
  const after = new Date(Date.parse(at) + 1).toISOString();
  const { data: entries } = await AuditEntity.query.byTrail({ trail: clientId }).lt({ at: after }).go({ order: "desc", limit: 1 });
  const then = entries[0];
  if (!then || then.action === "client.deleted") return null;
  return v.parse(Client, then.after);
}

const emailTaken = (email: string) =>
  new DomainError("client.email_taken", `A client with e-mail ${email} already exists.`, { email });

export async function create(raw: CreateInput): Promise<Client> {
  const input = parse(CreateInput, raw);
  const now = new Date().toISOString();
  const client: Stored = {
    client_id: newId("CL"),
    ...input,
    status: input.status ?? "ACTIVE",
    contract_count: 0,
    version: 1,
    created_at: now,
    updated_at: now,
  };
  await recordChange({
    trail: client.client_id,
    entity: "client",
    entity_id: client.client_id,
    action: "client.created",
    after: present(client),
    at: now,
    entities: { client: ClientEntity, clientEmail: ClientEmailEntity, searchWord: SearchWordEntity },
    writes: ({ client: clients, clientEmail, searchWord }) => [
      clients.create(client).commit(),
      clientEmail.create({ email: client.email, client_id: client.client_id }).commit(),
      ...Search.reindex(searchWord, "client", client.client_id, undefined, client.name),
    ],
    explain: () => emailTaken(client.email),
  });
  return present(client);
}

/** Explains a failed conditional write on an existing client by looking at it again. */
async function conflictOn(clientId: string, expectedVersion: number): Promise<DomainError> {
  const current = await load(clientId);
  if (current.version !== expectedVersion) return versionConflict(current.version);
  return new DomainError("version.conflict", "The client changed while this request ran; retry.");
}

const versionConflict = (current: number) =>
  new DomainError("version.conflict", `The client is at version ${current}; reload it and retry.`, { current_version: current });

export async function update(clientId: string, raw: UpdateInput, expectedVersion: number): Promise<Client> {
  const input = parse(UpdateInput, raw);
  const { version: _ignored, ...changes } = input;
  const current = await load(clientId);
  if (current.version !== expectedVersion) throw versionConflict(current.version);
  const next: Stored = { ...current, ...changes, version: current.version + 1, updated_at: new Date().toISOString() };
  const emailChanged = next.email !== current.email;
  await recordChange({
    trail: current.client_id,
    entity: "client",
    entity_id: current.client_id,
    action: "client.updated",
    before: present(current),
    after: present(next),
    at: next.updated_at,
    entities: { client: ClientEntity, clientEmail: ClientEmailEntity, searchWord: SearchWordEntity },
    writes: ({ client, clientEmail, searchWord }) => [
      // Only the changed fields: contract_count moves with contracts (without a new version) and must not be overwritten.
      client
        .patch({ client_id: current.client_id })
        .set({ ...changes, version: next.version, updated_at: next.updated_at })
        .where(({ version }, { eq }) => eq(version, expectedVersion))
        .commit(),
      ...(emailChanged
        ? [
            clientEmail.create({ email: next.email, client_id: next.client_id }).commit(),
            clientEmail
              .delete({ email: current.email })
              .where(({ client_id }, { eq }) => eq(client_id, current.client_id))
              .commit(),
          ]
        : []),
      ...Search.reindex(searchWord, "client", current.client_id, current.name, next.name),
    ],
    explain: async (reasons) => (emailChanged && reasons[1]?.rejected ? emailTaken(next.email) : conflictOn(clientId, expectedVersion)),
  });
  return present(next);
}

export async function remove(clientId: string, expectedVersion: number): Promise<void> {
  const current = await load(clientId);
  if (current.version !== expectedVersion) throw versionConflict(current.version);
  const hasContracts = () =>
    new DomainError("client.has_contracts", `Client ${clientId} still has ${current.contract_count} contract(s).`, {
      contract_count: current.contract_count,
    });
  if (current.contract_count > 0) throw hasContracts();
  await recordChange({
    trail: current.client_id,
    entity: "client",
    entity_id: current.client_id,
    action: "client.deleted",
    before: present(current),
    entities: { client: ClientEntity, clientEmail: ClientEmailEntity, searchWord: SearchWordEntity },
    writes: ({ client, clientEmail, searchWord }) => [
      client
        .delete({ client_id: current.client_id })
        .where(({ version, contract_count }, { eq }) => `${eq(version, expectedVersion)} AND ${eq(contract_count, 0)}`)
        .commit(),
      clientEmail.delete({ email: current.email }).commit(),
      ...Search.reindex(searchWord, "client", current.client_id, current.name, undefined),
    ],
    explain: async () => {
      const now = await load(clientId);
      return now.contract_count > 0 ? hasContracts() : conflictOn(clientId, expectedVersion);
    },
  });
}

export async function list(page: { limit: number; cursor?: string }): Promise<Page<Client>> {
  const result = await withCursor(page.cursor, (cursor) => ClientEntity.query.all({}).go({ order: "desc", limit: page.limit, cursor }));
  return { items: result.data.map(present), next_cursor: result.cursor };
}

export async function byEmail(raw: string): Promise<Client> {
  const email = parse(Email, raw);
  const { data } = await ClientEntity.query.byEmail({ email }).go({ limit: 1 });
  const found = data[0];
  if (!found) throw new DomainError("client.not_found", `No client has e-mail ${email}.`, { email });
  return present(found);
}
