import { describe, expect, it } from "vitest";
import { uniqueEmail } from "#test/fixtures";
import { call } from "#test/api";

const newClient = async () => (await call("POST", "/api/clients", { as: "editor", body: { name: "Amounts Ltd", email: uniqueEmail("amounts") } })).body;
const contractBody = (client_id: string, extra: Record<string, unknown> = {}) => ({
  client_id,
  title: "Support",
  contract_type: "SERVICE",
  start_date: "2026-01-01",
  end_date: "2027-01-01",
  value: 1000,
  ...extra,
});
const newContract = async () => (await call("POST", "/api/contracts", { as: "editor", body: contractBody((await newClient()).client_id) })).body;

describe("amounts", () => {
  it("keeps every amount with two decimals up to 10 000 000 000 000 exactly", async () => {
    const client = await newClient();
    for (const value of [2222222222222.22, 9999999999999.99, 0.01, 0.1, 1e13, 1234.5]) {
      const reply = await call("POST", "/api/contracts", { as: "editor", body: contractBody(client.client_id, { value }) });
      expect(reply.status, String(value)).toBe(201);
      const read = await call("GET", `/api/contracts/${reply.body.contract_id}`, { as: "viewer" });
      expect(read.body.value).toBe(value);
    }
  });

  it("refuses a third decimal, naming the field and the rule", async () => {
    const reply = await call("POST", "/api/contracts", { as: "editor", body: contractBody((await newClient()).client_id, { value: 12.345 }) });
    expect(reply.status).toBe(422);
    expect(reply.body.errors).toEqual([{ path: "value", message: "value: must have at most two decimals" }]);
  });
});

describe("updates", () => {
  it("refuse an empty object with 422 and write no version", async () => {
    const contract = await newContract();
    const reply = await call("PUT", `/api/contracts/${contract.contract_id}`, { as: "editor", body: {}, headers: { "if-match": '"1"' } });
    expect(reply.status).toBe(422);
    const read = await call("GET", `/api/contracts/${contract.contract_id}`, { as: "viewer" });
    expect(read.body.version).toBe(1);
  });

  it("refuse a list as the body with 422", async () => {
    const client = await newClient();
    const reply = await call("PUT", `/api/clients/${client.client_id}`, { as: "editor", body: [], headers: { "if-match": '"1"' } });
    expect(reply.status).toBe(422);
    expect(reply.body.errors[0].message).toBe("The body must be a JSON object");
  });

  it("refuse a body that names only the version with 422", async () => {
    const client = await newClient();
    const reply = await call("PUT", `/api/clients/${client.client_id}`, { as: "editor", body: { version: 1 } });
    expect(reply.status).toBe(422);
    expect((await call("GET", `/api/clients/${client.client_id}/audit`, { as: "viewer" })).body.items).toHaveLength(1);
  });

  it("accept a contract's client_id sent back unchanged", async () => {
    const contract = await newContract();
    const reply = await call("PUT", `/api/contracts/${contract.contract_id}`, { as: "editor", body: { client_id: contract.client_id, title: "Renamed", version: 1 } });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ title: "Renamed", client_id: contract.client_id, version: 2 });
  });

  it("refuse a changed client_id with 422 that says a contract cannot move", async () => {
    const contract = await newContract();
    const other = await newClient();
    const reply = await call("PUT", `/api/contracts/${contract.contract_id}`, { as: "editor", body: { client_id: other.client_id, version: 1 } });
    expect(reply.status).toBe(422);
    expect(reply.body.errors[0]).toMatchObject({ path: "client_id" });
    expect(reply.body.errors[0].message).toMatch(/cannot move to another client/);
  });

  it("refuse an unchanged client_id alone, as it changes nothing", async () => {
    const contract = await newContract();
    const reply = await call("PUT", `/api/contracts/${contract.contract_id}`, { as: "editor", body: { client_id: contract.client_id, version: 1 } });
    expect(reply.status).toBe(422);
  });
});

describe("validation messages", () => {
  it("name the field and the rule in words, never the validator's own text", async () => {
    const client = await newClient();
    const reply = await call("POST", "/api/contracts", {
      as: "editor",
      body: { ...contractBody(client.client_id), title: "x".repeat(201), contract_type: "SPACESHIP", colour: "red" },
    });
    expect(reply.status).toBe(422);
    const messages = reply.body.errors.map((e: { message: string }) => e.message);
    expect(messages).toContain("title must be at most 200 characters long");
    expect(messages).toContain("colour is not a field of this request");
    expect(messages.find((m: string) => m.startsWith("contract_type"))).toMatch(/^contract_type must be one of SERVICE, SUPPLY/);
    for (const message of messages) expect(message).not.toMatch(/Invalid|Expected never/);
    expect(reply.body.detail).toContain("title must be at most 200 characters long");
  });
});
