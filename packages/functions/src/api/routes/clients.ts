import { Hono } from "hono";
import * as v from "valibot";
import { Audit, Client, Export } from "@testex/core";
import { ClientId, Email, PageOf, PageQuery } from "@testex/core/schema";
import { exported, exportFormat, exportsDescription, ExportQuery } from "../export";
import { operation } from "../operation";
import { etag, expectedVersion, queryOf } from "../request";
import type { AppEnv } from "../types";

const ListQuery = v.strictObject({ ...PageQuery.entries, ...ExportQuery.entries, email: v.optional(Email) });
const AuditQuery = v.strictObject(PageQuery.entries);
const Params = v.object({ id: ClientId });
const tag = "Clients";

export const clients = new Hono<AppEnv>()
  .get(
    "/",
    operation({
      tag,
      summary: "List clients, newest first, or find one by e-mail",
      description: `With \`email\`, the one client with that address (a page of one item), or 404 when there is none.\n\n${exportsDescription("the clients (or the one with `email`), one a row")}`,
      access: "read",
      query: ListQuery,
      responses: { 200: PageOf(Client.Client) },
      errors: ["client.not_found"],
      exports: true,
    }),
    async (c) => {
      const { format, delivery, email, ...page } = queryOf(c, ListQuery);
      const list = async (page: { limit: number; cursor?: string }) =>
        email ? { items: [await Client.byEmail(email)], next_cursor: null } : Client.list(page);
      const as = exportFormat(c, format);
      if (!as) return c.json(await list(page));
      return exported(c, as, delivery, Export.TABLES.clients, await Export.everyItem(list));
    },
  )
  .post(
    "/",
    operation({ tag, summary: "Create a client", access: "write", body: Client.CreateInput, responses: { 201: Client.Client }, headers: { 201: ["Location", "ETag"] }, errors: ["client.email_taken"] }),
    async (c) => {
      const client = await Client.create(c.var.input.body);
      return c.json(client, 201, { location: `/api/clients/${client.client_id}`, etag: etag(client.version) });
    },
  )
  .get(
    "/:id",
    operation({ tag, summary: "Get a client", access: "read", params: Params, responses: { 200: Client.Client }, headers: { 200: ["ETag"] }, errors: ["client.not_found"] }),
    async (c) => {
      const client = await Client.get(c.req.param("id"));
      return c.json(client, 200, { etag: etag(client.version) });
    },
  )
  .put(
    "/:id",
    operation({
      tag,
      summary: "Change a client (If-Match or version required)",
      access: "write",
      params: Params,
      body: Client.UpdateInput,
      responses: { 200: Client.Client },
      headers: { 200: ["ETag"] },
      requestHeaders: { "If-Match": "optional" },
      errors: ["client.not_found", "client.email_taken", "version.conflict", "version.required"],
    }),
    async (c) => {
      const { body } = c.var.input;
      const client = await Client.update(c.req.param("id"), body, expectedVersion(c.var.input.headers["If-Match"], body));
      return c.json(client, 200, { etag: etag(client.version) });
    },
  )
  .delete(
    "/:id",
    operation({
      tag,
      summary: "Delete a client without contracts (If-Match required)",
      access: "admin",
      params: Params,
      responses: { 204: null },
      requestHeaders: { "If-Match": "required" },
      errors: ["client.not_found", "client.has_contracts", "version.conflict", "version.required"],
    }),
    async (c) => {
      await Client.remove(c.req.param("id"), expectedVersion(c.var.input.headers["If-Match"]));
      return c.body(null, 204);
    },
  )
  .get(
    "/:id/audit",
    operation({ tag, summary: "A client's audit trail, newest first", access: "read", params: Params, query: AuditQuery, responses: { 200: PageOf(Audit.AuditEntry) } }),
    async (c) => c.json(await Audit.trail(Client.id(c.req.param("id")), queryOf(c, AuditQuery))),
  );
