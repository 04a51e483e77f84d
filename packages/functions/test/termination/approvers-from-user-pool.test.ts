import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { settings, systemActor, Termination } from "@testex/core";
import { approvingGroups } from "@testex/core/directory/index";
import { approversOf } from "@testex/core/termination/approvers";
import { as } from "#test/fixtures";
import { call } from "#test/api";
import { freePort, startCognito } from "#test/local";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { above, inDays, newContract, noticesOf, processEventsOf, requester } from "./fixtures";

/**
 * A stage whose identity is a Cognito user pool: the approvers are read from
 * its groups through the real SDK, against the local Cognito stand-in.
 */
let cognito: Awaited<ReturnType<typeof startCognito>>;
let admin: CognitoIdentityProviderClient;
const named = settings().approvers;

beforeAll(async () => {
  cognito = await startCognito({ port: await freePort() });
  // What a deployed function gets from its environment; the SDK reads it when core first asks the pool.
  process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER = cognito.endpoint;
  admin = new CognitoIdentityProviderClient({ endpoint: cognito.endpoint });
});
afterAll(async () => {
  settings().approvers = named;
  delete settings().approverDirectory;
  await cognito?.stop();
});

/** A pool with the stage's groups, as infra creates it; the settings point at it from now on (and name nobody, as a deployed pool stage's do). */
async function usePool() {
  const { UserPool } = await admin.send(new CreateUserPoolCommand({ PoolName: "users", UsernameAttributes: ["email"] }));
  const UserPoolId = UserPool!.Id!;
  for (const { group } of approvingGroups(settings().oidc.roles)) await admin.send(new CreateGroupCommand({ UserPoolId, GroupName: group }));
  settings().approverDirectory = { kind: "cognito-user-pool", userPoolId: UserPoolId };
  delete settings().approvers;
  return UserPoolId;
}

/** An account an admin made and its owner signed in to (confirmed), in `group`. */
async function member(UserPoolId: string, email: string, name: string, group = "approver") {
  await admin.send(new AdminCreateUserCommand({ UserPoolId, Username: email, UserAttributes: [{ Name: "name", Value: name }], MessageAction: "SUPPRESS" }));
  await admin.send(new AdminSetUserPasswordCommand({ UserPoolId, Username: email, Password: "Correct-horse-9", Permanent: true }));
  await admin.send(new AdminAddUserToGroupCommand({ UserPoolId, Username: email, GroupName: group }));
}

async function requestsFor() {
  const { contractId } = await newContract({ value: above() });
  expect((await call("POST", `/api/contracts/${contractId}/termination`, { as: requester, body: { reason: "CONVENIENCE" } })).status).toBe(201);
  expect(await processEventsOf(contractId)).toEqual({ batchItemFailures: [] });
  return { contractId, requests: (await noticesOf(contractId)).filter((n) => n.template === "approval-request") };
}

const addressed = (requests: { to: string[]; props: unknown }[]) =>
  requests.map((n) => [n.to[0], (n.props as { approver_name?: string }).approver_name ?? null]).sort();

describe("on a stage whose identity is a Cognito user pool, a termination request", () => {
  it("goes to each enabled, confirmed member of the approving groups by name, and not to a disabled one", async () => {
    const pool = await usePool();
    await member(pool, "iris@pool.example", "Iris Approver");
    await member(pool, "omar@pool.example", "Omar Approver");
    await member(pool, "lena@pool.example", "Lena Admin", "admin");
    await member(pool, "dan@pool.example", "Dan Departed");
    await admin.send(new AdminDisableUserCommand({ UserPoolId: pool, Username: "dan@pool.example" }));

    const { requests } = await requestsFor();
    expect(addressed(requests)).toEqual([
      ["iris@pool.example", "Iris Approver"],
      ["lena@pool.example", "Lena Admin"],
      ["omar@pool.example", "Omar Approver"],
    ]);
  });

  it("is reminded to the same people by name while it waits", async () => {
    const pool = await usePool();
    await member(pool, "rae@pool.example", "Rae Approver");
    await member(pool, "sam@pool.example", "Sam Approver");
    const { contractId } = await requestsFor();
    const { due } = await as(systemActor("scheduler"), () => Termination.remindApprovers(inDays(settings().approval.remindAfterDays), { dryRun: true }));
    expect(addressed(due.filter((r) => r.contract_id === contractId))).toEqual([
      ["rae@pool.example", "Rae Approver"],
      ["sam@pool.example", "Sam Approver"],
    ]);
  });

  it("goes to the group address when the approving groups have nobody who can sign in", async () => {
    const pool = await usePool();
    await admin.send(new AdminCreateUserCommand({ UserPoolId: pool, Username: "new@pool.example", MessageAction: "SUPPRESS" }));
    await admin.send(new AdminAddUserToGroupCommand({ UserPoolId: pool, Username: "new@pool.example", GroupName: "approver" }));

    const { requests } = await requestsFor();
    expect(addressed(requests)).toEqual(settings().approverEmails.map((email) => [email, null]));
  });

  it("reads the pool at most once a minute: a second reading within it is answered without the pool", async () => {
    const pool = await usePool();
    await member(pool, "kim@pool.example", "Kim Approver");
    const first = await approversOf({ requested_by: "someone-else" });
    await cognito.stop();
    expect(await approversOf({ requested_by: "someone-else" })).toEqual(first);
    expect(first.map((a) => a.name)).toEqual(["Kim Approver"]);
  });

  it("goes to the group address when the user pool cannot be reached", async () => {
    // A pool never read before, on a stand-in that no longer answers.
    settings().approverDirectory = { kind: "cognito-user-pool", userPoolId: "us-east-1_neverRead" };
    await cognito.stop();
    const { requests } = await requestsFor();
    expect(addressed(requests)).toEqual(settings().approverEmails.map((email) => [email, null]));
  });
});
