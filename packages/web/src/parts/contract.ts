import type { paths } from "@testex/client";

/** What the API answers for one record, straight from its document: a renamed field fails the build. */
type Reply<P extends keyof paths> = paths[P] extends { get: { responses: { 200: { content: { "application/json": infer T } } } } } ? T : never;

export type ContractView = Reply<"/api/contracts/{id}">;
export type ClientView = Reply<"/api/clients/{id}">;
export type TerminationView = Reply<"/api/contracts/{id}/termination">;
