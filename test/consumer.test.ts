/**
 * The API as a consumer meets it: over HTTP, through `@testex/client`, typed
 * from the committed document. A field the document renames fails this file's
 * type-check before it fails a user.
 */
import { describe, expect, it } from "vitest";
import { createTestexClient, idempotencyKey, ifMatch, items, ProblemError, unwrap, versionOf, type TestexClient } from "@testex/client";
import { uniqueEmail } from "#test/fixtures";
import { tokenFor, type Caller } from "#test/api";
import { servedApp } from "#test/served";

const as = (caller: Caller): TestexClient => createTestexClient({ baseUrl: served.url(), getToken: () => tokenFor(caller) });

const served = servedApp();

const today = () => new Date().toISOString().slice(0, 10);

describe("a consumer of @testex/client", () => {
  it("creates a client and a contract, updates it by its ETag, and ends it once another person approves", async () => {
    const editor = as("editor");
    const key = idempotencyKey();
    const client = await unwrap(editor.POST("/api/clients", { body: { name: "Consumer Ltd", email: uniqueEmail("consumer") }, headers: key }));
    const again = await editor.POST("/api/clients", { body: { name: "Consumer Ltd", email: client.email }, headers: key });
    expect(again.response.headers.get("idempotent-replayed")).toBe("true");
    expect(again.data?.client_id).toBe(client.client_id);

    const created = await unwrap(
      editor.POST("/api/contracts", {
        body: { client_id: client.client_id, title: "Typed support", contract_type: "SERVICE", start_date: "2026-01-01", end_date: "2099-12-31", value: 60_000 },
      }),
    );
    const read = await editor.GET("/api/contracts/{id}", { params: { path: { id: created.contract_id } } });
    const version = versionOf(read.response);
    expect(version).toBe(1);

    const updated = await unwrap(editor.PUT("/api/contracts/{id}", { params: { path: { id: created.contract_id } }, body: { title: "Typed support, renewed" }, headers: ifMatch(version!) }));
    expect(updated).toMatchObject({ title: "Typed support, renewed", version: 2 });

    const requested = await unwrap(
      editor.POST("/api/contracts/{id}/termination", { params: { path: { id: created.contract_id } }, body: { reason: "MUTUAL_AGREEMENT", effective_date: today() } }),
    );
    expect(requested.status).toBe("PENDING_APPROVAL");
    await unwrap(as("approver").POST("/api/contracts/{id}/termination/approve", { params: { path: { id: created.contract_id } }, body: {} }));
    const ended = await unwrap(editor.GET("/api/contracts/{id}", { params: { path: { id: created.contract_id } } }));
    expect(ended.status).toBe("TERMINATED");
  });

  it("gets a ProblemError typed by its code when it writes over a newer version", async () => {
    const editor = as("editor");
    const client = await unwrap(editor.POST("/api/clients", { body: { name: "Stale Ltd", email: uniqueEmail("stale") } }));
    await unwrap(editor.PUT("/api/clients/{id}", { params: { path: { id: client.client_id } }, body: { name: "Stale Ltd (1)" }, headers: ifMatch(client) }));
    const stale = unwrap(editor.PUT("/api/clients/{id}", { params: { path: { id: client.client_id } }, body: { name: "Stale Ltd (2)" }, headers: ifMatch(client) }));
    const error = await stale.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProblemError);
    expect((error as ProblemError).is("version.conflict")).toBe(true);
    expect((error as ProblemError).status).toBe(409);
  });

  it("reads every page of a list by following next_cursor", async () => {
    const editor = as("editor");
    const client = await unwrap(editor.POST("/api/clients", { body: { name: "Paged Ltd", email: uniqueEmail("paged") } }));
    for (const title of ["One", "Two", "Three"]) {
      await unwrap(
        editor.POST("/api/contracts", {
          body: { client_id: client.client_id, title, contract_type: "OTHER", start_date: "2026-01-01", end_date: "2026-12-31", value: 1 },
        }),
      );
    }
    const titles: string[] = [];
    for await (const contract of items((cursor) => editor.GET("/api/contracts", { params: { query: { client_id: client.client_id, limit: 2, cursor } } }))) {
      titles.push(contract.title);
    }
    expect(titles.sort()).toEqual(["One", "Three", "Two"]);
  });
});
