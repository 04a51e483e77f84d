/**
 * A small Cognito user pools stand-in: the JSON 1.1 protocol the AWS SDK v3
 * speaks (`X-Amz-Target: AWSCognitoIdentityProviderService.<Operation>`), for
 * reading a pool's groups and the admin calls that fill one: CreateUserPool,
 * CreateGroup, AdminCreateUser, AdminSetUserPassword, AdminAddUserToGroup,
 * AdminDisableUser, AdminEnableUser and ListUsersInGroup. Every request must be
 * signed (SigV4, checked as the S3 stand-in checks it); pages, limits and
 * errors are Cognito's. Pools live in memory. Runs in-process on 127.0.0.1.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Running } from "./process";
import { parseQuery, Refusal, verifySignature } from "./s3-signature.mjs";

interface User {
  username: string;
  attributes: Map<string, string>;
  enabled: boolean;
  status: "FORCE_CHANGE_PASSWORD" | "CONFIRMED";
  created: number;
  modified: number;
}

interface Pool {
  id: string;
  name: string;
  /** `email`: people sign in with their address; each user's username is then its `sub`, as in Cognito. */
  usernameAttributes: string[];
  created: number;
  users: Map<string, User>;
  groups: Map<string, { name: string; description?: string; created: number; members: Set<string> }>;
}

class CognitoError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

/** Cognito's largest page (ListUsersInGroup's `Limit`). */
export const MAX_PAGE = 60;
const TARGET = "AWSCognitoIdentityProviderService.";
const REGION = "us-east-1";

/** A signature the stand-in refuses, answered as Cognito's JSON endpoint answers it. */
const SIGNATURE_ERRORS: Record<string, [string, string]> = {
  AccessDenied: ["MissingAuthenticationTokenException", "Missing Authentication Token"],
  InvalidAccessKeyId: ["UnrecognizedClientException", "The security token included in the request is invalid."],
  SignatureDoesNotMatch: [
    "InvalidSignatureException",
    "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.",
  ],
  RequestTimeTooSkewed: ["InvalidSignatureException", "Signature expired: the request's date is more than 15 minutes from the server's."],
};

export interface CognitoOptions {
  port: number;
  /** Access key id → secret access key of the callers it accepts. */
  credentials?: Record<string, string>;
}

const seconds = (ms: number) => ms / 1000;
const text = (value: unknown, what: string, max = 128) => {
  if (typeof value !== "string" || value.length === 0 || value.length > max)
    throw new CognitoError("InvalidParameterException", `1 validation error detected: Value at '${what}' failed to satisfy constraint: Member must have length between 1 and ${max}`);
  return value;
};

export function startCognito({ port, credentials = { S3RVER: "S3RVER" } }: CognitoOptions): Promise<Running> {
  const pools = new Map<string, Pool>();

  const poolOf = (input: { UserPoolId?: unknown }) => {
    const id = text(input.UserPoolId, "userPoolId", 55);
    const pool = pools.get(id);
    if (!pool) throw new CognitoError("ResourceNotFoundException", `User pool ${id} does not exist.`);
    return pool;
  };
  const groupOf = (pool: Pool, name: unknown) => {
    const group = pool.groups.get(text(name, "groupName"));
    if (!group) throw new CognitoError("ResourceNotFoundException", "Group not found.");
    return group;
  };
  /** By username, or by the alias people sign in with (`email`), as the admin calls accept. */
  const userOf = (pool: Pool, name: unknown) => {
    const wanted = text(name, "username");
    const user =
      pool.users.get(wanted) ??
      [...pool.users.values()].find((u) => pool.usernameAttributes.some((a) => u.attributes.get(a)?.toLowerCase() === wanted.toLowerCase()));
    if (!user) throw new CognitoError("UserNotFoundException", "User does not exist.");
    return user;
  };
  const userType = (user: User) => ({
    Username: user.username,
    Attributes: [...user.attributes].map(([Name, Value]) => ({ Name, Value })),
    UserCreateDate: seconds(user.created),
    UserLastModifiedDate: seconds(user.modified),
    Enabled: user.enabled,
    UserStatus: user.status,
  });
  const touch = (user: User, change: Partial<User>) => Object.assign(user, change, { modified: Date.now() });

  const operations: Record<string, (input: any) => unknown> = {
    CreateUserPool: (input) => {
      const name = text(input.PoolName, "poolName");
      const id = `${REGION}_${randomBytes(6).toString("base64url").replace(/[-_]/g, "x").slice(0, 9)}`;
      const usernameAttributes: string[] = input.UsernameAttributes ?? [];
      const pool: Pool = { id, name, usernameAttributes, created: Date.now(), users: new Map(), groups: new Map() };
      pools.set(id, pool);
      return {
        UserPool: { Id: id, Name: name, Arn: `arn:aws:cognito-idp:${REGION}:000000000000:userpool/${id}`, UsernameAttributes: usernameAttributes, CreationDate: seconds(pool.created) },
      };
    },
    CreateGroup: (input) => {
      const pool = poolOf(input);
      const name = text(input.GroupName, "groupName");
      if (pool.groups.has(name)) throw new CognitoError("GroupExistsException", "A group with the name already exists.");
      const group = { name, description: input.Description, created: Date.now(), members: new Set<string>() };
      pool.groups.set(name, group);
      return { Group: { GroupName: name, UserPoolId: pool.id, Description: group.description, CreationDate: seconds(group.created), LastModifiedDate: seconds(group.created) } };
    },
    AdminCreateUser: (input) => {
      const pool = poolOf(input);
      const given = text(input.Username, "username");
      const attributes = new Map<string, string>((input.UserAttributes ?? []).map((a: { Name: string; Value: string }) => [a.Name, a.Value]));
      const sub = randomUUID();
      // With email as the username attribute, the username given is the address and the user's own username is its sub.
      const byEmail = pool.usernameAttributes.includes("email");
      if (byEmail) {
        if (!/^[^@\s]+@[^@\s]+$/.test(given)) throw new CognitoError("InvalidParameterException", "Username should be an email.");
        attributes.set("email", given);
      }
      const email = attributes.get("email");
      if (email !== undefined && !/^[^@\s]+@[^@\s]+$/.test(email)) throw new CognitoError("InvalidParameterException", "Invalid email address format.");
      const taken = [...pool.users.values()].some(
        (u) => u.username === given || (email !== undefined && byEmail && u.attributes.get("email")?.toLowerCase() === email.toLowerCase()),
      );
      if (taken) throw new CognitoError("UsernameExistsException", byEmail ? "An account with the given email already exists." : "User account already exists");
      attributes.set("sub", sub);
      const now = Date.now();
      const user: User = { username: byEmail ? sub : given, attributes, enabled: true, status: "FORCE_CHANGE_PASSWORD", created: now, modified: now };
      pool.users.set(user.username, user);
      return { User: userType(user) };
    },
    AdminSetUserPassword: (input) => {
      const user = userOf(poolOf(input), input.Username);
      text(input.Password, "password", 256);
      touch(user, { status: input.Permanent ? "CONFIRMED" : "FORCE_CHANGE_PASSWORD" });
      return {};
    },
    AdminAddUserToGroup: (input) => {
      const pool = poolOf(input);
      const user = userOf(pool, input.Username);
      groupOf(pool, input.GroupName).members.add(user.username);
      return {};
    },
    AdminDisableUser: (input) => (touch(userOf(poolOf(input), input.Username), { enabled: false }), {}),
    AdminEnableUser: (input) => (touch(userOf(poolOf(input), input.Username), { enabled: true }), {}),
    ListUsersInGroup: (input) => {
      const pool = poolOf(input);
      const group = groupOf(pool, input.GroupName);
      const limit = input.Limit ?? MAX_PAGE;
      if (!Number.isInteger(limit) || limit < 0 || limit > MAX_PAGE)
        throw new CognitoError(
          "InvalidParameterException",
          `1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to ${MAX_PAGE}`,
        );
      const members = [...group.members].sort();
      let start = 0;
      if (input.NextToken !== undefined) {
        const after = decodeToken(input.NextToken, pool.id, group.name);
        start = members.findIndex((name) => name > after);
        if (start < 0) start = members.length;
      }
      const page = members.slice(start, start + limit);
      const more = start + page.length < members.length && page.length > 0;
      return { Users: page.map((name) => userType(pool.users.get(name)!)), ...(more ? { NextToken: encodeToken(pool.id, group.name, page.at(-1)!) } : {}) };
    },
  };

  const endpoint = `http://127.0.0.1:${port}`;
  const reply = (res: ServerResponse, status: number, body: unknown, type?: string) => {
    res.writeHead(status, { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": randomUUID(), ...(type ? { "x-amzn-errortype": type } : {}) });
    res.end(JSON.stringify(body));
  };
  const fail = (res: ServerResponse, type: string, message: string, status = 400) => reply(res, status, { __type: type, message }, type);

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const [path = "/", search = ""] = (req.url ?? "/").split("?");
    try {
      await verifySignature({ method: req.method ?? "POST", path, query: parseQuery(search), headers: req.headers, body }, credentials);
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      const [type, message] = SIGNATURE_ERRORS[error.code] ?? ["IncompleteSignatureException", error.message];
      return fail(res, type, message);
    }
    const service = /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\//.exec(String(req.headers.authorization ?? ""))?.[1];
    if (service !== "cognito-idp") return fail(res, "InvalidSignatureException", `Credential should be scoped to correct service: 'cognito-idp'.`);
    const target = String(req.headers["x-amz-target"] ?? "");
    const operation = target.startsWith(TARGET) ? operations[target.slice(TARGET.length)] : undefined;
    if (req.method !== "POST" || !operation) return fail(res, "UnknownOperationException", `${target || `${req.method} ${req.url}`} is not supported by the local Cognito stand-in`);
    let input: unknown;
    try {
      input = JSON.parse(body || "{}");
    } catch {
      return fail(res, "SerializationException", "The request body is not JSON.");
    }
    try {
      reply(res, 200, operation(input ?? {}));
    } catch (error) {
      if (error instanceof CognitoError) return fail(res, error.type, error.message);
      fail(res, "InternalErrorException", (error as Error).message, 500);
    }
  });

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () =>
      resolve({
        name: "Cognito user pools (in-process stand-in)",
        endpoint,
        stop: () => new Promise<void>((done) => (server.closeAllConnections(), server.close(() => done()))),
      }),
    );
  });
}

/** Where the next page starts, bound to its pool and group as Cognito's tokens are: opaque to callers, refused elsewhere. */
const encodeToken = (pool: string, group: string, after: string) => Buffer.from(JSON.stringify([pool, group, after])).toString("base64url");

function decodeToken(token: unknown, pool: string, group: string): string {
  try {
    const [p, g, after] = JSON.parse(Buffer.from(String(token), "base64url").toString("utf8")) as string[];
    if (p === pool && g === group && typeof after === "string") return after;
  } catch {
    // Falls through to the refusal below.
  }
  throw new CognitoError("InvalidParameterException", "Invalid pagination token.");
}
