/**
 * Property-based fuzzing of every operation on `app.routes`: random and
 * malformed path parameters, query strings, bodies and headers, from callers
 * that must be refused (no token, bad tokens, roles without the capability)
 * and from privileged callers with inputs that must be refused. Whatever
 * arrives: never a 5xx, always a documented problem+json with a request id,
 * and not one item of the table changes.
 *
 * The file gets a table of its own (other test files write to the shared one
 * in parallel), so the before/after comparison covers every item. Static
 * imports below must not read SST links: the app is imported after the table
 * is redirected.
 */
import { DynamoDBClient, ScanCommand, type AttributeValue } from "@aws-sdk/client-dynamodb";
import fc from "fast-check";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as v from "valibot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureTable } from "#test/local";
import type { Operation } from "../src/api/operations";

const FUZZ_TABLE = `testex-fuzz-${process.pid}-${Date.now().toString(36)}`;
const sharedTable = process.env.SST_RESOURCE_Table;
process.env.SST_RESOURCE_Table = JSON.stringify({ name: FUZZ_TABLE });

const RUNS_PER_OPERATION = 40;
const dynamo = new DynamoDBClient({});

async function dumpTable(): Promise<string[]> {
  const items: Record<string, AttributeValue>[] = [];
  let ExclusiveStartKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await dynamo.send(new ScanCommand({ TableName: FUZZ_TABLE, ExclusiveStartKey, ConsistentRead: true }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items.map((item) => JSON.stringify(Object.fromEntries(Object.entries(item).sort(([a], [b]) => a.localeCompare(b))))).sort();
}

type Api = typeof import("#test/api") & typeof import("../src/api/operations") & { app: typeof import("../src/api/app").app };
let api: Api;
let seeded: { clientId: string; contractId: string };
let tokens: Record<string, string>;

beforeAll(async () => {
  await ensureTable(dynamo, FUZZ_TABLE);
  const [client, operations, { app }, core, local] = await Promise.all([
    import("#test/api"),
    import("../src/api/operations"),
    import("../src/api/app"),
    import("@testex/core"),
    import("#test/local"),
  ]);
  api = { ...client, ...operations, app };
  const signer = local.stackSigner();
  const stranger = { ...signer, keysFile: join(mkdtempSync(join(tmpdir(), "testex-fuzz-")), "keys.json") };
  const now = Math.floor(Date.now() / 1000);
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  tokens = {
    expired: await local.mintToken({ id: "fuzz-expired", roles: ["admin"] }, signer, now - 60),
    foreign: await local.mintToken({ id: "fuzz-foreign", roles: ["admin"] }, stranger),
    unsigned: `${b64({ alg: "none", typ: "JWT" })}.${b64({ sub: "fuzz-unsigned", roles: ["admin"] })}.`,
    ...Object.fromEntries(await Promise.all(core.ROLES.map(async (role) => [role, await local.mintToken({ id: `fuzz-${role}`, roles: [role] }, signer, "12h")]))),
  };
  const created = await client.call("POST", "/api/clients", { as: "editor", body: { name: "Fuzz Ltd", email: "fuzz@example.com" } });
  const contract = await client.call("POST", "/api/contracts", {
    as: "editor",
    body: { client_id: created.body.client_id, title: "Fuzzed", contract_type: "OTHER", start_date: "2026-01-01", end_date: "2026-06-30", value: 10 },
  });
  seeded = { clientId: created.body.client_id, contractId: contract.body.contract_id };
});

afterAll(() => {
  process.env.SST_RESOURCE_Table = sharedTable;
});

/** Keys an object schema (possibly inside a pipe) knows, so bodies and queries hit real fields too. */
function keysOf(schema: v.GenericSchema | undefined): string[] {
  const s = schema as unknown as { entries?: object; pipe?: { entries?: object }[] } | undefined;
  return Object.keys(s?.entries ?? s?.pipe?.[0]?.entries ?? {});
}

const printable = (max: number) => fc.string({ unit: fc.constantFrom(..."abcXYZ019 -_.:;,'\"<>{}[]%&=+/\\\t".split("")), maxLength: max });
const anyText = fc.oneof(printable(40), fc.string({ maxLength: 40 }), fc.string({ unit: "grapheme", maxLength: 10 }), fc.constantFrom("", "0", "-1", "null", "true", "[]", "{}", "x".repeat(3000)));

interface Case {
  caller: string;
  params: Record<string, string>;
  query: [string, string][];
  body?: { raw: string; type: string };
  ifMatch?: string;
  requestId?: string;
}

function caseFor(op: Operation): fc.Arbitrary<Case> {
  const names = [...op.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  const idLike = fc.oneof(
    fc.constantFrom(seeded.clientId, seeded.contractId, "CT0000", "CL" + "Z".repeat(33), "ct0000abcd", "CT0000ABCD/../x", ...RAW_SEGMENTS),
    fc.stringMatching(/^(CT|CL|AU)[0-9A-Z]{0,36}$/),
    anyText,
  );
  const params = fc.record(Object.fromEntries(names.map((name) => [name, idLike.filter((s) => s !== "" && s !== "." && s !== "..")])));
  const queryKeys = [...keysOf(op.spec.query), "limit", "cursor", "actor", "email", "__proto__"];
  const query = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...queryKeys), printable(8)), anyText), { maxLength: 4 });
  const bodyKeys = [...keysOf(op.spec.body), "version", "actor", "client_id", "status", "__proto__"];
  const json = fc.oneof(
    fc.dictionary(fc.constantFrom(...bodyKeys), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 }).map((o) => JSON.stringify(o)),
    fc.json({ maxDepth: 3 }),
  );
  const malformed = fc.oneof(anyText, fc.constantFrom("{", '{"a":', "[1,2", "\u0000", '{"name":"x"}garbage')).filter((text) => {
    try {
      JSON.parse(text);
      return false;
    } catch {
      return true;
    }
  });
  const type = fc.constantFrom("application/json", "application/json; charset=utf-8", "application/problem+json", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "");
  const body = op.method === "GET" ? fc.constant(undefined) : fc.option(fc.record({ raw: fc.oneof(json, malformed), type }), { nil: undefined });
  const ifMatch = fc.option(fc.constantFrom('"1"', '"2"', 'W/"1"', "*", '"-1"', "garbage", '"99999999999999"'), { nil: undefined });
  const requestId = fc.option(printable(70), { nil: undefined });
  return fc.record({ caller: fc.constantFrom(...UNAUTHENTICATED, ...ROLE_CALLERS), params, query, body, ifMatch, requestId });
}

/** Path segments sent without encoding: broken and sneaky percent-escapes. */
const RAW_SEGMENTS = ["%ZZ", "%E0%A4%A", "%00", "%2F..%2Fx", "%2e%2e%2fetc", "CT0000ABCD%20"];

/** Callers without a valid token, and callers with one per role. */
const UNAUTHENTICATED = ["none", "garbage", "expired", "foreign", "unsigned"];
const ROLE_CALLERS = ["viewer", "editor", "approver", "admin"];

const authorization = (caller: string): Record<string, string> =>
  caller === "none" ? {} : caller === "garbage" ? { authorization: "Bearer not.a.token" } : { authorization: `Bearer ${tokens[caller]}` };

describe("fuzzing every route", () => {
  it("never answers 5xx, always with a documented problem, and never changes the table", async () => {
    const before = await dumpTable();
    expect(before.some((item) => item.includes(seeded.contractId)), "the seed went to the fuzz table").toBe(true);
    const ops = api.operationsOf(api.app);
    expect(ops.length).toBeGreaterThan(10);
    const { can } = await import("@testex/core");
    let privileged = 0;

    for (const op of ops) {
      const mayChange = op.method !== "GET";
      const allowed = (caller: string) => op.spec.access === "public" || (ROLE_CALLERS.includes(caller) && can({ id: caller, roles: [caller] }, op.spec.access));
      // A privileged caller of a changing route gets only input that must be refused: a malformed id, or a body that is not JSON.
      const mustBeRefused = (c: Case) =>
        (op.spec.params !== undefined && !v.is(op.spec.params, c.params)) ||
        (op.spec.body !== undefined && c.body !== undefined && (!c.body.type.includes("json") || isNotJson(c.body.raw)));
      const cases = caseFor(op).filter((c) => !mayChange || !allowed(c.caller) || mustBeRefused(c));

      await fc.assert(
        fc.asyncProperty(cases, async (c) => {
          // Percent-escapes are sent as they are (broken ones too); everything else is encoded.
          const segment = (value: string) => (RAW_SEGMENTS.includes(value) ? value : encodeURIComponent(value));
          const path = op.path.replace(/:(\w+)/g, (_, name: string) => segment(c.params[name]!));
          const search = new URLSearchParams(c.query).toString();
          const headers: Record<string, string> = { ...authorization(c.caller) };
          if (c.body?.type) headers["content-type"] = c.body.type;
          if (c.ifMatch) headers["if-match"] = c.ifMatch;
          if (c.requestId !== undefined) headers["x-request-id"] = c.requestId;
          const reply = await api.call(op.method, search ? `${path}?${search}` : path, { raw: c.body?.raw, headers });
          const where = `${c.caller} ${op.method} ${path}?${search} -> ${reply.status} ${JSON.stringify(reply.body).slice(0, 300)}`;
          expect(reply.status, where).toBeLessThan(500);
          expect(reply.headers.get("x-request-id"), where).toBeTruthy();
          expect(api.contractViolations(api.app, reply), where).toEqual([]);
          if (op.spec.access !== "public" && UNAUTHENTICATED.includes(c.caller)) expect(reply.status, where).toBe(401);
          else if (!allowed(c.caller)) expect(reply.status, where).toBe(403);
          else if (mayChange) {
            privileged++;
            expect(reply.status, where).toBeGreaterThanOrEqual(400);
          }
        }),
        { numRuns: RUNS_PER_OPERATION },
      );
    }
    expect(privileged, "privileged callers were fuzzed with refused input").toBeGreaterThan(0);
    expect(await dumpTable()).toEqual(before);
  });
});

function isNotJson(text: string): boolean {
  try {
    JSON.parse(text);
    return false;
  } catch {
    return true;
  }
}
