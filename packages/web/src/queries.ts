import { queryOptions, type QueryClient } from "@tanstack/react-query";
import type { operations } from "@testex/client";
import { api, ProblemError, unwrap } from "./api";

/**
 * Every read of the console, one factory per resource: its key and its fetch
 * together, so two screens reading a contract share one cache entry, and a
 * change refreshes exactly what it touched (see `refresh` below).
 *
 * Keys are hierarchical: everything about one contract starts with
 * `["contract", id]`, so refreshing that prefix refreshes its termination,
 * documents, notices and timeline too.
 */
type QueryOf<O extends keyof operations> = operations[O] extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

export type ContractListQuery = QueryOf<"getContracts">;
export type TerminationListQuery = QueryOf<"getTerminations">;
export type ClientListQuery = QueryOf<"getClients">;

const notFoundIsNull = async <T>(read: Promise<T>): Promise<T | null> => {
  try {
    return await read;
  } catch (error) {
    if (error instanceof ProblemError && error.status === 404) return null;
    throw error;
  }
};

export const contracts = {
  list: (query: ContractListQuery) =>
    queryOptions({ queryKey: ["contracts", "list", query], queryFn: () => unwrap(api.GET("/api/contracts", { params: { query } })) }),
  search: (q: string) =>
    queryOptions({
      queryKey: ["contracts", "search", q],
      queryFn: () => unwrap(api.GET("/api/contracts/search", { params: { query: { q, limit: 100 } } })),
    }),
};

export const contract = {
  detail: (id: string) =>
    queryOptions({ queryKey: ["contract", id], queryFn: () => unwrap(api.GET("/api/contracts/{id}", { params: { path: { id } } })) }),
  /** The contract's termination, or null when none was ever requested. */
  termination: (id: string) =>
    queryOptions({
      queryKey: ["contract", id, "termination"],
      queryFn: () => notFoundIsNull(unwrap(api.GET("/api/contracts/{id}/termination", { params: { path: { id } } }))),
    }),
  files: (id: string) =>
    queryOptions({
      queryKey: ["contract", id, "files"],
      queryFn: () => unwrap(api.GET("/api/contracts/{id}/files", { params: { path: { id }, query: { limit: 100 } } })),
    }),
  notices: (id: string) =>
    queryOptions({
      queryKey: ["contract", id, "notices"],
      queryFn: () => unwrap(api.GET("/api/contracts/{id}/notifications", { params: { path: { id }, query: { limit: 50 } } })),
    }),
  trail: (id: string) =>
    queryOptions({
      queryKey: ["contract", id, "trail"],
      queryFn: () => unwrap(api.GET("/api/contracts/{id}/audit", { params: { path: { id }, query: { limit: 100 } } })),
    }),
  latestChange: (id: string) =>
    queryOptions({
      queryKey: ["contract", id, "latest-change"],
      queryFn: () => unwrap(api.GET("/api/contracts/{id}/audit", { params: { path: { id }, query: { limit: 1 } } })),
      staleTime: 0,
    }),
};

export const terminations = {
  list: (query: TerminationListQuery) =>
    queryOptions({ queryKey: ["terminations", query], queryFn: () => unwrap(api.GET("/api/terminations", { params: { query } })) }),
  /** The stage's own catalogue: labels, and which reasons may cut the notice period short. */
  reasons: () =>
    queryOptions({ queryKey: ["termination-reasons"], queryFn: () => unwrap(api.GET("/api/termination-reasons")), staleTime: Infinity }),
};

export const clients = {
  list: (query: ClientListQuery) =>
    queryOptions({ queryKey: ["clients", "list", query], queryFn: () => unwrap(api.GET("/api/clients", { params: { query } })) }),
  /** The newest clients, enough to pick one from a list. */
  choices: () =>
    queryOptions({ queryKey: ["clients", "choices"], queryFn: () => unwrap(api.GET("/api/clients", { params: { query: { limit: 100 } } })) }),
};

export const client = {
  detail: (id: string) =>
    queryOptions({
      queryKey: ["client", id],
      queryFn: () => unwrap(api.GET("/api/clients/{id}", { params: { path: { id } } })),
      staleTime: 60_000,
    }),
  latestChange: (id: string) =>
    queryOptions({
      queryKey: ["client", id, "latest-change"],
      queryFn: () => unwrap(api.GET("/api/clients/{id}/audit", { params: { path: { id }, query: { limit: 1 } } })),
      staleTime: 0,
    }),
};

export const admin = {
  policy: () => queryOptions({ queryKey: ["admin", "policy"], queryFn: () => unwrap(api.GET("/api/admin/policy")), staleTime: Infinity }),
  deadEvents: () =>
    queryOptions({ queryKey: ["admin", "dead-events"], queryFn: () => unwrap(api.GET("/api/admin/dead-events", { params: { query: { limit: 100 } } })) }),
  deadNotices: () =>
    queryOptions({ queryKey: ["admin", "dead-notices"], queryFn: () => unwrap(api.GET("/api/admin/notifications/dead", { params: { query: { limit: 100 } } })) }),
};

export const webhooks = {
  list: () => queryOptions({ queryKey: ["admin", "webhooks"], queryFn: () => unwrap(api.GET("/api/admin/webhooks", { params: { query: { limit: 100 } } })) }),
  deliveries: (id: string) =>
    queryOptions({
      queryKey: ["admin", "webhooks", id, "deliveries"],
      queryFn: () => unwrap(api.GET("/api/admin/webhooks/{id}/deliveries", { params: { path: { id }, query: { limit: 50 } } })),
    }),
};

export const imports = {
  /** The mappings saved by name, to read a file whose columns are not the API's field names. */
  mappings: () => queryOptions({ queryKey: ["imports", "mappings"], queryFn: () => unwrap(api.GET("/api/import-mappings")) }),
  /** A background import's progress, read again each second until it ends. */
  job: (id: string) =>
    queryOptions({
      queryKey: ["imports", "job", id],
      queryFn: () => unwrap(api.GET("/api/imports/{id}", { params: { path: { id } } })),
      refetchInterval: (query) => (query.state.data && !["QUEUED", "RUNNING"].includes(query.state.data.status) ? false : 1_000),
      staleTime: 0,
    }),
  /** The first hundred rows a finished import refused, each with its fields' errors, in row order. */
  refused: (id: string) =>
    queryOptions({
      queryKey: ["imports", "job", id, "refused"],
      queryFn: () => unwrap(api.GET("/api/imports/{id}/refused", { params: { path: { id }, query: { limit: 100 } } })),
    }),
};

/** What a change touched, and so what must be read again: nothing else is. */
export const refresh = {
  /** A contract's terms, status or termination changed: it, the lists it appears in, and the work lists. */
  contract: (queries: QueryClient, id: string) =>
    Promise.all([
      queries.invalidateQueries({ queryKey: ["contract", id] }),
      queries.invalidateQueries({ queryKey: ["contracts"] }),
      queries.invalidateQueries({ queryKey: ["terminations"] }),
    ]),
  /** A document was added or removed: the contract's documents and its timeline. */
  files: (queries: QueryClient, id: string) =>
    Promise.all([
      queries.invalidateQueries({ queryKey: contract.files(id).queryKey }),
      queries.invalidateQueries({ queryKey: contract.trail(id).queryKey }),
    ]),
  client: (queries: QueryClient, id?: string) =>
    Promise.all([queries.invalidateQueries({ queryKey: ["clients"] }), id ? queries.invalidateQueries({ queryKey: ["client", id] }) : undefined]),
};
