import { describe, expect, it } from "vitest";
import { uniqueEmail } from "#test/fixtures";
import { call } from "#test/api";

const newClient = async () => (await call("POST", "/api/clients", { as: "editor", body: { name: "Acme", email: uniqueEmail() } })).body;
const newContract = async (client_id: string, extra: Record<string, unknown> = {}) =>
  (
    await call("POST", "/api/contracts", {
      as: "editor",
      body: { client_id, title: "Support", contract_type: "SERVICE", start_date: "2026-01-01", end_date: "2027-01-01", value: 1000, ...extra },
    })
  ).body;

const isProblem = (reply: { status: number; headers: Headers; body: any }, status: number, code: string) => {
  expect(reply.status).toBe(status);
  expect(reply.headers.get("content-type")).toBe("application/problem+json");
  expect(reply.body).toMatchObject({ status, code, type: `/problems/${code}` });
  expect(reply.body.request_id).toBe(reply.headers.get("x-request-id"));
};

describe("the contracts API", () => {
  it("creates a contract with 201, its location and ETag", async () => {
    const client = await newClient();
    const reply = await call("POST", "/api/contracts", {
      as: "editor",
      body: { client_id: client.client_id, title: "Support", contract_type: "SERVICE", start_date: "2026-01-01", end_date: "2027-01-01", value: 1000 },
    });
    expect(reply.status).toBe(201);
    expect(reply.headers.get("location")).toBe(`/api/contracts/${reply.body.contract_id}`);
    expect(reply.headers.get("etag")).toBe('"1"');
  });

  it("creates a client with a ten-word name and a contract with a title of 60 distinct words (more than search keeps): 201, never a 500", async () => {
    const name = "The Royal Bank of Scotland Group Public Limited Company plc";
    const client = await call("POST", "/api/clients", { as: "editor", body: { name, email: uniqueEmail() } });
    expect(client.status).toBe(201);
    // Distinct two-character words ("a0" … "bn"), so 60 of them fit the 200-character title.
    const wordsFrom = (from: number) => Array.from({ length: 60 }, (_, i) => `${String.fromCharCode(97 + Math.floor((from + i) / 36))}${((from + i) % 36).toString(36)}`).join(" ");
    const title = wordsFrom(0);
    const contract = await call("POST", "/api/contracts", {
      as: "editor",
      body: { client_id: client.body.client_id, title, contract_type: "SERVICE", start_date: "2026-01-01", end_date: "2027-01-01", value: 1000 },
    });
    expect(contract.status).toBe(201);
    const renamed = wordsFrom(60);
    const update = await call("PUT", `/api/contracts/${contract.body.contract_id}`, { as: "editor", body: { title: renamed, version: 1 } });
    expect(update.status).toBe(200);
    expect(update.body.title).toBe(renamed);
  });

  it("answers malformed JSON with 400", async () => {
    isProblem(await call("POST", "/api/contracts", { as: "editor", raw: '{"title":', headers: { "content-type": "application/json" } }), 400, "request.malformed");
  });

  it("answers a body that is not JSON with 415", async () => {
    isProblem(await call("POST", "/api/contracts", { as: "editor", raw: "title=x", headers: { "content-type": "application/x-www-form-urlencoded" } }), 415, "request.unsupported_media_type");
  });

  it("answers a schema violation with 422 naming every failing field, and stores nothing", async () => {
    const client = await newClient();
    const reply = await call("POST", "/api/contracts", {
      as: "editor",
      body: { client_id: client.client_id, title: "", contract_type: "SPACESHIP", start_date: "2026-02-30", end_date: "2027-01-01", value: -5 },
    });
    isProblem(reply, 422, "validation.failed");
    expect(reply.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(["contract_type", "start_date", "title", "value"]);
    const list = await call("GET", `/api/contracts?client_id=${client.client_id}`, { as: "viewer" });
    expect(list.body.items).toEqual([]);
  });

  it("answers unknown fields with 422 rather than ignoring them", async () => {
    const client = await newClient();
    const contract = await newContract(client.client_id);
    const reply = await call("PUT", `/api/contracts/${contract.contract_id}`, { as: "editor", body: { status: "TERMINATED", version: 1 } });
    isProblem(reply, 422, "validation.failed");
    expect(reply.body.errors[0].path).toBe("status");
  });

  it("searches contracts by title, a viewer included", async () => {
    const word = `Kestrel${Date.now().toString(36)}`;
    const contract = await newContract((await newClient()).client_id, { title: `${word} hosting` });
    const reply = await call("GET", `/api/contracts/search?q=${word.toLowerCase()}`, { as: "viewer" });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ items: [{ ...contract, client_name: "Acme" }], truncated: false });
  });

  it("answers a search without a word with 422 for a person to read", async () => {
    const reply = await call("GET", "/api/contracts/search?q=%20", { as: "viewer" });
    isProblem(reply, 422, "validation.failed");
    expect(reply.body.errors).toEqual([{ path: "q", message: "q: type at least one letter or digit of a title or client name" }]);
  });

  it("answers an unknown contract with 404", async () => {
    isProblem(await call("GET", "/api/contracts/CT00000000NONE", { as: "viewer" }), 404, "contract.not_found");
  });

  it("answers an id that cannot be a contract id with 422, before touching the table", async () => {
    isProblem(await call("GET", "/api/contracts/..%2F..%2Fetc", { as: "viewer" }), 422, "validation.failed");
  });

  it("answers a stale If-Match with 409 and the current version", async () => {
    const client = await newClient();
    const contract = await newContract(client.client_id);
    const first = await call("PUT", `/api/contracts/${contract.contract_id}`, { as: "editor", body: { value: 2000 }, headers: { "if-match": '"1"' } });
    expect(first.status).toBe(200);
    expect(first.headers.get("etag")).toBe('"2"');
    const stale = await call("PUT", `/api/contracts/${contract.contract_id}`, { as: "editor", body: { value: 3000 }, headers: { "if-match": '"1"' } });
    isProblem(stale, 409, "version.conflict");
    expect(stale.body.current_version).toBe(2);
  });

  it("answers an update that names no version with 428", async () => {
    const client = await newClient();
    const contract = await newContract(client.client_id);
    isProblem(await call("PUT", `/api/contracts/${contract.contract_id}`, { as: "editor", body: { value: 1 } }), 428, "version.required");
  });

  it("answers a malformed If-Match with 400 naming the header, and changes nothing", async () => {
    const client = await newClient();
    const contract = await newContract(client.client_id);
    const reply = await call("PUT", `/api/contracts/${contract.contract_id}`, { as: "editor", body: { value: 1 }, headers: { "if-match": "garbage" } });
    isProblem(reply, 400, "request.malformed");
    expect(reply.body.detail).toContain("If-Match");
    expect((await call("GET", `/api/contracts/${contract.contract_id}`, { as: "viewer" })).body.version).toBe(1);
  });

  it("answers a delete without If-Match with 428", async () => {
    const client = await newClient();
    const contract = await newContract(client.client_id);
    isProblem(await call("DELETE", `/api/contracts/${contract.contract_id}`, { as: "admin" }), 428, "version.required");
  });

  it("answers a version that is not a whole number with 422, not as a missing one", async () => {
    const client = await newClient();
    const contract = await newContract(client.client_id);
    isProblem(await call("PUT", `/api/contracts/${contract.contract_id}`, { as: "editor", body: { value: 1, version: "1" } }), 422, "validation.failed");
  });

  it("answers a body version that contradicts If-Match with 422", async () => {
    const client = await newClient();
    const contract = await newContract(client.client_id);
    const reply = await call("PUT", `/api/contracts/${contract.contract_id}`, { as: "editor", body: { value: 1, version: 2 }, headers: { "if-match": '"1"' } });
    isProblem(reply, 422, "validation.failed");
  });

  it("answers a duplicate client e-mail with 409", async () => {
    const email = uniqueEmail();
    await call("POST", "/api/clients", { as: "editor", body: { name: "A", email } });
    isProblem(await call("POST", "/api/clients", { as: "editor", body: { name: "B", email } }), 409, "client.email_taken");
  });

  it("answers a body over the limit with 413", async () => {
    const reply = await call("POST", "/api/clients", { as: "editor", body: { name: "x".repeat(300 * 1024), email: uniqueEmail() } });
    isProblem(reply, 413, "request.too_large");
  });

  it("answers an unknown route with 404", async () => {
    isProblem(await call("GET", "/api/nothing-here", { as: "viewer" }), 404, "route.not_found");
  });

  it("answers a limit over 100 with 422", async () => {
    isProblem(await call("GET", "/api/contracts?limit=500", { as: "viewer" }), 422, "validation.failed");
  });

  it("filters lists by client, status and end dates", async () => {
    const client = await newClient();
    const early = await newContract(client.client_id, { end_date: "2027-01-31" });
    await newContract(client.client_id, { end_date: "2027-06-30" });
    const reply = await call("GET", `/api/contracts?client_id=${client.client_id}&status=ACTIVE&ending_before=2027-01-31`, { as: "viewer" });
    expect(reply.status).toBe(200);
    expect(reply.body.items.map((c: { contract_id: string }) => c.contract_id)).toEqual([early.contract_id]);
    expect(reply.body.next_cursor).toBeNull();
  });

  it("keeps a deleted contract's audit trail readable", async () => {
    const client = await newClient();
    const contract = await newContract(client.client_id);
    const deleted = await call("DELETE", `/api/contracts/${contract.contract_id}`, { as: "admin", headers: { "if-match": '"1"' } });
    expect(deleted.status).toBe(204);
    const trail = await call("GET", `/api/contracts/${contract.contract_id}/audit`, { as: "viewer" });
    expect(trail.body.items.map((e: { action: string }) => e.action)).toEqual(["contract.deleted", "contract.created"]);
  });

  it("records the token's subject as the actor, whatever the body says", async () => {
    const actor = { id: `user-${uniqueEmail()}`, roles: ["editor"] };
    const reply = await call("POST", "/api/clients", { as: actor, body: { name: "A", email: uniqueEmail() } });
    const trail = await call("GET", `/api/clients/${reply.body.client_id}/audit`, { as: "viewer" });
    expect(trail.body.items[0].actor).toBe(actor.id);
  });
});
