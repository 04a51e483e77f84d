import { Client, Contract, withContext, type Actor } from "@testex/core";
import { randomUUID } from "node:crypto";

export const editor: Actor = { id: "user-editor", email: "editor@example.com", roles: ["editor"] };

/** Runs core code as `actor`, the way the API middleware does for a request. */
export function as<T>(actor: Actor, fn: () => Promise<T>): Promise<T> {
  return withContext({ actor, requestId: randomUUID() }, fn);
}

let counter = 0;
/** An address no other test uses. */
export const uniqueEmail = (name = "client") => `${name}-${Date.now().toString(36)}-${(counter++).toString(36)}@example.com`;

/** A fresh client of its own, so a test's queries see only its own data. */
export const aClient = (actor: Actor = editor, overrides: Partial<Client.CreateInput> = {}) =>
  as(actor, () => Client.create({ name: "Acme Ltd", email: uniqueEmail(), ...overrides }));

export const aContract = (clientId: string, overrides: Partial<Contract.CreateInput> = {}, actor: Actor = editor) =>
  as(actor, () =>
    Contract.create({
      client_id: clientId,
      title: "Support and maintenance",
      contract_type: "SERVICE",
      start_date: "2026-01-01",
      end_date: "2027-01-01",
      value: 10_000,
      ...overrides,
    }),
  );
