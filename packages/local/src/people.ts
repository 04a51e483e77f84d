import { can, type Role } from "@testex/core/access";
import { COGNITO_GROUPS_CLAIM } from "@testex/stage/config";

/** The console's client id at the local provider; deployed stages use their Cognito app client's id. */
export const LOCAL_CLIENT_ID = "testex-console";
/** The claim that lists a person's groups, shaped as Cognito's, so the API's code path is the same. */
export const GROUPS_CLAIM = COGNITO_GROUPS_CLAIM;

/** A fictional person who can sign in to the local OpenID Provider. */
export interface Person {
  login: string;
  password: string;
  /** The issuer's stable subject id: what four-eyes compares and the audit records. */
  sub: string;
  name: string;
  email: string;
  /** Groups, named like the deployed user pool's, mapped to roles by the stage's settings. */
  groups: Role[];
}

const person = (login: string, sub: string, name: string, role: Role): Person => ({
  login,
  // Local only, printed at start and written in the README: easy to type beats hard to guess.
  password: `${login}-testex`,
  sub,
  name,
  email: `${login}@testex.example`,
  groups: [role],
});

/** Everyone the local provider knows: at least one of each role, and two approvers for four-eyes. */
export const PEOPLE: readonly Person[] = [
  person("val", "0b3c5f3e-6f0e-4d7a-9a51-1c2d3e4f5a01", "Valerie Stone", "viewer"),
  person("ed", "1c4d6a4f-7a1f-4e8b-8b62-2d3e4f5a6b02", "Edward Lin", "editor"),
  person("ana", "2d5e7b5a-8b2a-4f9c-9c73-3e4f5a6b7c03", "Ana Ortiz", "approver"),
  person("ben", "3e6f8c6b-9c3b-4a0d-8d84-4f5a6b7c8d04", "Ben Okafor", "approver"),
  person("ada", "4f7a9d7c-0d4c-4b1e-9e95-5a6b7c8d9e05", "Ada Park", "admin"),
];

export const personByLogin = (login: string) => PEOPLE.find((p) => p.login === login.toLowerCase());

/** The seeded person who holds `role` (the first, for approvers). */
export const personWithRole = (role: Role) => PEOPLE.find((p) => p.groups.includes(role))!;

/** The people who may approve, by name: the stage's settings name them so each is asked in person. */
export const localApprovers = () =>
  PEOPLE.filter((p) => can({ id: p.sub, roles: p.groups }, "approve")).map((p) => ({ id: p.sub, email: p.email, name: p.name }));
