import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolCommand,
  ListUsersInGroupCommand,
  paginateListUsersInGroup,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCognito } from "./cognito-server";
import { addressesAnswering, externalAddresses } from "./exposure";
import { freePort, type Running } from "./process";

const KEY = { accessKeyId: "local-key", secretAccessKey: "local-secret" };

let cognito: Running;
const clientWith = (credentials = KEY) => new CognitoIdentityProviderClient({ endpoint: cognito.endpoint, region: "us-east-1", credentials, maxAttempts: 1 });
let client: CognitoIdentityProviderClient;

beforeAll(async () => {
  cognito = await startCognito({ port: await freePort(), credentials: { [KEY.accessKeyId]: KEY.secretAccessKey } });
  client = clientWith();
});
afterAll(() => cognito?.stop());

/** A pool whose people sign in with their e-mail address, as TESTEX's do, with one group. */
async function poolWithGroup(group = "approver") {
  const { UserPool } = await client.send(new CreateUserPoolCommand({ PoolName: "people", UsernameAttributes: ["email"] }));
  await client.send(new CreateGroupCommand({ UserPoolId: UserPool!.Id, GroupName: group }));
  return UserPool!.Id!;
}

const addUser = async (UserPoolId: string, email: string, GroupName = "approver") => {
  const name = { Name: "name", Value: email.split("@")[0]! };
  const { User } = await client.send(new AdminCreateUserCommand({ UserPoolId, Username: email, UserAttributes: [name], MessageAction: "SUPPRESS" }));
  await client.send(new AdminAddUserToGroupCommand({ UserPoolId, Username: email, GroupName }));
  return User!;
};

describe("the Cognito stand-in", () => {
  it("lists a group's members in pages of at most 60, each member once, continued by NextToken", async () => {
    const pool = await poolWithGroup();
    const emails = Array.from({ length: 65 }, (_, i) => `person-${i}@example.com`);
    for (const email of emails) await addUser(pool, email);

    const pages: number[] = [];
    const listed: string[] = [];
    for await (const page of paginateListUsersInGroup({ client, pageSize: 60 }, { UserPoolId: pool, GroupName: "approver" })) {
      pages.push(page.Users!.length);
      listed.push(...page.Users!.map((u) => u.Attributes!.find((a) => a.Name === "email")!.Value!));
    }
    expect(pages).toEqual([60, 5]);
    expect(listed.sort()).toEqual([...emails].sort());
  });

  it("refuses a page larger than 60 with InvalidParameterException, as Cognito does", async () => {
    const pool = await poolWithGroup();
    await expect(client.send(new ListUsersInGroupCommand({ UserPoolId: pool, GroupName: "approver", Limit: 61 }))).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: expect.stringContaining("less than or equal to 60"),
      $metadata: { httpStatusCode: 400 },
    });
  });

  it("answers an unknown pool or group with ResourceNotFoundException and an unknown user with UserNotFoundException", async () => {
    const pool = await poolWithGroup();
    await expect(client.send(new ListUsersInGroupCommand({ UserPoolId: "us-east-1_nothing", GroupName: "approver" }))).rejects.toMatchObject({
      name: "ResourceNotFoundException",
      message: "User pool us-east-1_nothing does not exist.",
    });
    await expect(client.send(new ListUsersInGroupCommand({ UserPoolId: pool, GroupName: "nobody" }))).rejects.toMatchObject({ name: "ResourceNotFoundException" });
    await expect(client.send(new AdminAddUserToGroupCommand({ UserPoolId: pool, Username: "ghost@example.com", GroupName: "approver" }))).rejects.toMatchObject({
      name: "UserNotFoundException",
    });
  });

  it("names a user who signs in by e-mail by their sub, keeps the address as an attribute, and refuses the same address twice", async () => {
    const pool = await poolWithGroup();
    const user = await addUser(pool, "ana@example.com");
    const attributes = Object.fromEntries(user.Attributes!.map((a) => [a.Name, a.Value]));
    expect(attributes).toMatchObject({ email: "ana@example.com", name: "ana", sub: user.Username });
    expect(user.Username).toMatch(/^[0-9a-f-]{36}$/);
    await expect(client.send(new AdminCreateUserCommand({ UserPoolId: pool, Username: "ANA@example.com" }))).rejects.toMatchObject({ name: "UsernameExistsException" });
  });

  it("reports a new user as FORCE_CHANGE_PASSWORD until given a permanent password, and enabled until disabled", async () => {
    const pool = await poolWithGroup();
    await addUser(pool, "ben@example.com");
    const state = async () => (await client.send(new ListUsersInGroupCommand({ UserPoolId: pool, GroupName: "approver" }))).Users!.map((u) => [u.UserStatus, u.Enabled]);
    expect(await state()).toEqual([["FORCE_CHANGE_PASSWORD", true]]);
    await client.send(new AdminSetUserPasswordCommand({ UserPoolId: pool, Username: "ben@example.com", Password: "a-Long-passw0rd!", Permanent: true }));
    expect(await state()).toEqual([["CONFIRMED", true]]);
    await client.send(new AdminDisableUserCommand({ UserPoolId: pool, Username: "ben@example.com" }));
    expect(await state()).toEqual([["CONFIRMED", false]]);
  });

  it("refuses an unsigned request, an unknown access key and a wrong secret, as Cognito's endpoint does", async () => {
    const pool = await poolWithGroup();
    const unsigned = await fetch(cognito.endpoint, {
      method: "POST",
      headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AWSCognitoIdentityProviderService.ListUsersInGroup" },
      body: JSON.stringify({ UserPoolId: pool, GroupName: "approver" }),
    });
    expect(unsigned.status).toBe(400);
    expect(await unsigned.json()).toMatchObject({ __type: "MissingAuthenticationTokenException" });
    const list = new ListUsersInGroupCommand({ UserPoolId: pool, GroupName: "approver" });
    await expect(clientWith({ accessKeyId: "someone-else", secretAccessKey: KEY.secretAccessKey }).send(list)).rejects.toMatchObject({ name: "UnrecognizedClientException" });
    await expect(clientWith({ ...KEY, secretAccessKey: "wrong" }).send(list)).rejects.toMatchObject({ name: "InvalidSignatureException" });
  });

  it.skipIf(externalAddresses().length === 0)("answers on 127.0.0.1 only, not on the machine's other addresses", async () => {
    expect(await addressesAnswering(Number(new URL(cognito.endpoint).port))).toEqual([]);
  });
});
