import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { uniqueEmail } from "#test/fixtures";
import { app } from "../src/api/app";
import { openApiDocument } from "../src/api/openapi/document";
import { DOCUMENT_FILE, serialise } from "../src/api/openapi/file";
import { contractViolations, errorsOf, operationsOf, servedRoutes } from "../src/api/operations";
import { call, documented } from "#test/api";

const generated = openApiDocument(app);
const documentedRoutes = Object.entries(generated.paths).flatMap(([path, methods]) =>
  Object.keys(methods).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ":$1")}`),
);

describe("the API document", () => {
  it("is the committed openapi.json, regenerated from the current routes (else run `npm run openapi`)", () => {
    expect(readFileSync(DOCUMENT_FILE, "utf8")).toBe(serialise(generated));
  });

  it("is served at GET /openapi.json without a token", async () => {
    const reply = documented(await call("GET", "/openapi.json"));
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual(JSON.parse(serialise(generated)));
  });

  it("documents every route the app serves", () => {
    expect(documentedRoutes.sort()).toEqual(servedRoutes(app).sort());
  });

  it("documents only routes the app serves", async () => {
    for (const route of documentedRoutes) expect(servedRoutes(app)).toContain(route);
  });

  it("has a route only where it starts with operation()", () => {
    const withSpec = operationsOf(app).map((op) => `${op.method} ${op.path}`);
    expect(servedRoutes(app).filter((route) => !withSpec.includes(route))).toEqual([]);
  });

  it("declares a schema for every path parameter, so ids are checked before any database call", () => {
    const documentedParams = (template: string, method: string) =>
      ((generated.paths as Record<string, Record<string, { parameters: { in: string; name: string }[] }>>)[template]![method.toLowerCase()]!.parameters)
        .filter((p) => p.in === "path")
        .map((p) => p.name)
        .sort();
    for (const op of operationsOf(app)) {
      const inPath = [...op.path.matchAll(/:(\w+)/g)].map((m) => m[1]).sort();
      expect(documentedParams(op.template, op.method), `${op.method} ${op.path}`).toEqual(inPath);
    }
  });

  it("names the bearer scheme and documents problem+json errors on every operation", () => {
    expect(generated.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    for (const [path, methods] of Object.entries(generated.paths)) {
      for (const [method, op] of Object.entries(methods as Record<string, { responses: Record<string, unknown> }>)) {
        for (const status of ["400", "413", "415", "422", "500"]) expect(op.responses[status], `${method} ${path} ${status}`).toBeDefined();
      }
    }
  });
});

describe("the API document's schemas", () => {
  type Media = Record<string, { schema: { $ref?: string } }>;
  const ops = Object.entries(generated.paths).flatMap(([path, methods]) =>
    Object.entries(methods as Record<string, { requestBody?: { content: Media }; responses: Record<string, { content?: Media; $ref?: string }> }>).map(([method, op]) => ({
      where: `${method.toUpperCase()} ${path}`,
      op,
    })),
  );

  it("names a component for every JSON request body", () => {
    for (const { where, op } of ops) {
      const schema = op.requestBody?.content["application/json"]?.schema;
      if (schema) expect(schema.$ref, where).toMatch(/^#\/components\/schemas\//);
    }
  });

  it("names a component for every JSON reply that carries a resource", () => {
    for (const { where, op } of ops.filter(({ where }) => where.includes(" /api/"))) {
      for (const [status, response] of Object.entries(op.responses)) {
        const schema = response.content?.["application/json"]?.schema as { $ref?: string; anyOf?: { $ref?: string }[] } | undefined;
        // One of several resources (the upload's grant, or the stored file) names each.
        for (const one of schema?.anyOf ?? (schema ? [schema] : [])) expect(one.$ref, `${where} ${status}`).toMatch(/^#\/components\/schemas\//);
      }
    }
  });

  it("lists every code a reply can carry in the Problem's code enum", () => {
    const codes = (generated.components.schemas.Problem as { properties: { code: { enum: string[] } } }).properties.code.enum;
    for (const op of operationsOf(app)) for (const list of errorsOf(op.spec).values()) for (const code of list) expect(codes).toContain(code);
    expect(codes).toEqual(expect.arrayContaining(["route.not_found", "method.not_allowed"]));
  });
});

describe("replies of the API", () => {
  it("keep the documented contract across a client's and a contract's life", async () => {
    const client = documented(await call("POST", "/api/clients", { as: "editor", body: { name: "Contract Test Ltd", email: uniqueEmail() } }));
    expect(client.status).toBe(201);
    const clientId: string = client.body.client_id;
    documented(await call("GET", `/api/clients/${clientId}`, { as: "viewer" }));
    documented(await call("PUT", `/api/clients/${clientId}`, { as: "editor", body: { phone: "+1 555 0100", version: 1 } }));
    documented(await call("GET", "/api/clients?limit=2", { as: "viewer" }));
    documented(await call("GET", `/api/clients/${clientId}/audit`, { as: "viewer" }));

    const contract = documented(
      await call("POST", "/api/contracts", {
        as: "editor",
        body: { client_id: clientId, title: "Support", contract_type: "SERVICE", start_date: "2026-01-01", end_date: "2027-01-01", value: 1200 },
      }),
    );
    expect(contract.status).toBe(201);
    const contractId: string = contract.body.contract_id;
    documented(await call("GET", `/api/contracts/${contractId}`, { as: "viewer" }));
    documented(await call("PUT", `/api/contracts/${contractId}`, { as: "editor", body: { value: 1500 }, headers: { "if-match": '"1"' } }));
    documented(await call("GET", `/api/contracts?client_id=${clientId}`, { as: "viewer" }));
    documented(await call("GET", `/api/audit?actor=user-editor&limit=5`, { as: "viewer" }));
    const deleted = documented(await call("DELETE", `/api/contracts/${contractId}`, { as: "admin", headers: { "if-match": '"2"' } }));
    expect(deleted.status).toBe(204);
    documented(await call("GET", `/api/contracts/${contractId}/audit`, { as: "viewer" }));
    documented(await call("DELETE", `/api/clients/${clientId}`, { as: "admin", headers: { "if-match": '"2"' } }));
  });

  it("keep the documented contract when they refuse", async () => {
    documented(await call("GET", "/api/contracts/CT0000NOSUCH", { as: "viewer" }));
    documented(await call("GET", "/api/contracts/not-an-id", { as: "viewer" }));
    documented(await call("PUT", "/api/clients/CL0000NOSUCH", { as: "editor", body: { name: "x" } }));
    documented(await call("POST", "/api/clients", { as: "editor", raw: "{not json", headers: { "content-type": "application/json" } }));
    documented(await call("POST", "/api/clients", { as: "viewer", body: {} }));
    documented(await call("GET", "/api/clients"));
  });

  it("are caught when they break it", async () => {
    const reply = await call("GET", "/api/contracts", { as: "viewer" });
    expect(contractViolations(app, { ...reply, body: { items: "not a list" } })).not.toEqual([]);
    expect(contractViolations(app, { ...reply, status: 201 })).not.toEqual([]);
    const refused = await call("GET", "/api/contracts/CT0000NOSUCH", { as: "viewer" });
    expect(contractViolations(app, { ...refused, body: { ...refused.body, code: "client.not_found" } })).not.toEqual([]);
  });
});
