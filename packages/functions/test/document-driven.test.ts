/**
 * Requests made from the committed API document alone, as an outside
 * consumer's generator would make them: for every operation, bounded,
 * seeded. Each is valid per the document, so the API must accept it, or
 * refuse it only for the state of the data (an unknown id, a conflict, a
 * move the record cannot make now) or for a rule the document describes in
 * words (a cross-field rule). Every reply must keep the document (status,
 * media type, body schema by ajv, headers), and none may be a 5xx.
 */
import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { uniqueEmail } from "#test/fixtures";
import { DOCUMENT_FILE } from "../src/api/openapi/file";
import { call, type Reply } from "#test/api";
import { SchemaValues, type Schema } from "./schema-requests";

const REQUESTS_PER_OPERATION = 12;
const document: Schema = JSON.parse(readFileSync(DOCUMENT_FILE, "utf8"));

/** The rules the document states in words, as the API words their refusals. */
const DESCRIBED_RULES = [
  /must not be before start_date/,
  /cannot move to another client/,
  /name at least one field to change/,
  /If-Match name different versions/,
  /does not exist/,
  /must not be in the past/,
  /notice period ends/,
  /must not be after ending_before/,
  /EVERGREEN contract has no end date/,
  /EVERGREEN contract does not renew by terms/,
  /contract needs an end date/,
  /AUTO contract needs a renewal term/,
  /cannot be combined with notice_deadline_before/,
  /with notice_deadline_before, status is ACTIVE or SUSPENDED/,
  /no renewal term of its own/,
  /renew for longer/,
  /without folders/,
];

/** A refusal that a request valid per the document may meet: the data's state, or a described rule. */
function refusedForStateOrRule(reply: Reply): boolean {
  const code: string = reply.body?.code ?? "";
  if (reply.status === 404) return code.endsWith(".not_found");
  if (reply.status === 409) return true;
  if (reply.status === 403) return code.startsWith("termination.");
  if (reply.status === 428) return code === "version.required";
  if (reply.status === 400) return code === "cursor.invalid";
  // Routes that take a file: a generated request sends JSON, or nothing, as the file.
  if (reply.status === 413 || reply.status === 415) return /\/(files|imports)$/.test(reply.path.split("?")[0]!);
  if (reply.status === 422 && code === "validation.failed") {
    return (reply.body.errors as { message: string }[]).every((error) => DESCRIBED_RULES.some((rule) => rule.test(error.message)));
  }
  return false;
}

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema({ ...document, $id: "api" });
const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, "~0").replace(/\//g, "~1")).join("/");

interface DocOperation {
  method: string;
  template: string;
  op: Schema;
}

const operations: DocOperation[] = Object.entries<Schema>(document.paths).flatMap(([template, item]) =>
  Object.entries<Schema>(item).map(([method, op]) => ({ method: method.toUpperCase(), template, op })),
);

/** Where the reply breaks the document: its status, media type, body (ajv) or headers. */
function breaches(values: SchemaValues, { method, template, op }: DocOperation, reply: Reply): string[] {
  const where = `${method} ${reply.path} -> ${reply.status}`;
  const documented = op.responses[String(reply.status)];
  if (!documented) return [`${where}: status not documented`];
  const response = values.resolve(documented);
  const out: string[] = [];
  const type = (reply.headers.get("content-type") ?? "").split(";")[0]!;
  const content = response.content as Record<string, Schema> | undefined;
  if (!content) {
    if (reply.body !== null && reply.body !== "") out.push(`${where}: a body where none is documented`);
  } else if (!content[type]) {
    out.push(`${where}: media type ${type} not documented`);
  } else if (type.endsWith("json")) {
    const ref = documented.$ref
      ? `api#${documented.$ref.slice(1)}/content/${pointer(type)}/schema`
      : `api#/${pointer("paths", template, method.toLowerCase(), "responses", String(reply.status), "content", type, "schema")}`;
    const validate = ajv.getSchema(ref)!;
    if (!validate(reply.body)) out.push(`${where}: ${ajv.errorsText(validate.errors)}`);
  }
  for (const header of ["etag", "location", "idempotent-replayed", "allow"]) {
    const declared = Object.keys(response.headers ?? {}).some((name) => name.toLowerCase() === header);
    if (reply.headers.get(header) !== null && !declared) out.push(`${where}: header ${header} not documented`);
  }
  return out;
}

describe("requests generated from the API document", () => {
  it("are accepted, or refused only for state or a described rule, keep the document in every reply, and never meet a 5xx", async () => {
    const client = (await call("POST", "/api/clients", { as: "editor", body: { name: "Generated Ltd", email: uniqueEmail("generated") } })).body;
    const contract = (
      await call("POST", "/api/contracts", {
        as: "editor",
        body: { client_id: client.client_id, title: "Generated", contract_type: "SERVICE", start_date: "2026-01-01", end_date: "2030-12-31", value: 100 },
      })
    ).body;
    const versions = new Map<string, number>();
    const values: SchemaValues = new SchemaValues(document, 14, {
      client_id: () => client.client_id,
      contract_id: () => contract.contract_id,
      start_date: () => "2026-01-01",
      end_date: () => "2030-12-31",
    });

    let valid = 0;
    let fine = 0;
    const unexpected: string[] = [];
    const violations: string[] = [];
    const log: string[] = [];
    for (const operation of operations) {
      for (let n = 0; n < REQUESTS_PER_OPERATION; n++) {
        const { method, template, op } = operation;
        const parameters: Schema[] = (op.parameters ?? []).map((p: Schema) => values.resolve(p));
        let path = template;
        const query = new URLSearchParams();
        const headers: Record<string, string> = {};
        for (const p of parameters) {
          if (p.name === "cursor") continue; // only a next_cursor may be sent back, as described
          if (!p.required && values.random() < 0.5) continue;
          const value = values.value(p.schema, p.name);
          if (p.in === "path") {
            // Ids of the seeded records where the path's pattern allows them.
            const real = p.schema.pattern && [client.client_id, contract.contract_id].find((id) => new RegExp(p.schema.pattern).test(id));
            path = path.replace(`{${p.name}}`, encodeURIComponent(String(real && values.random() < 0.75 ? real : value)));
          } else if (p.in === "query") query.set(p.name, String(value));
          else if (p.in === "header" && p.name === "If-Match") headers["if-match"] = `"${versions.get(path) ?? values.int(1, 3)}"`;
          else if (p.in === "header") headers[p.name.toLowerCase()] = String(value);
        }
        const json = op.requestBody?.content?.["application/json"]?.schema;
        const body = json && (op.requestBody.required || values.random() < 0.5) ? values.value(json) : undefined;
        if (body && typeof body === "object" && "version" in body && versions.has(path)) (body as { version: number }).version = versions.get(path)!;
        const url = `${path}${query.size ? `?${query}` : ""}`;
        const reply = await call(method, url, { as: values.pick(["admin", { id: "generated-admin", roles: ["admin"] }] as const), body, headers });
        const etag = reply.headers.get("etag");
        log.push(`${reply.status} ${method} ${template}`);
        if (etag) versions.set(path, Number(etag.replaceAll('"', "")));
        valid++;
        // Health's 503 is its documented answer when a dependency is slow (this machine is shared), not a failure of the API.
        if (reply.status >= 500 && !(template === "/health" && reply.status === 503)) unexpected.push(`${method} ${url} -> ${reply.status} ${JSON.stringify(reply.body)}`);
        else if (reply.status < 400 || reply.status === 503 || refusedForStateOrRule(reply)) fine++;
        else unexpected.push(`${method} ${url} ${JSON.stringify(body)} -> ${reply.status} ${reply.body?.code}: ${reply.body?.detail}`);
        violations.push(...breaches(values, operation, reply));
      }
    }

    const accepted = log.filter((line) => /^[23]/.test(line)).length;
    console.info(`${valid} requests over ${operations.length} operations: ${accepted} accepted, ${fine - accepted} refused for state or a described rule, ${valid - fine} otherwise`);
    expect(valid).toBe(operations.length * REQUESTS_PER_OPERATION);
    expect(violations).toEqual([]);
    expect(unexpected.filter((line) => / -> 5\d\d /.test(line))).toEqual([]);
    // Shown whole when the share falls short, so the refused requests can be read.
    expect(fine / valid, unexpected.join("\n")).toBeGreaterThanOrEqual(0.95);
  }, 300_000);
});
