import { Hono } from "hono";
import * as v from "valibot";
import { Audit, Client } from "@testex/core";
import { Email, PageQuery } from "@testex/core/schema";
import { etag, expectedVersion, jsonBody, queryOf } from "../request";
import type { AppEnv } from "../types";

const ListQuery = v.strictObject({ ...PageQuery.entries, email: v.optional(Email) });

export const clients = new Hono<AppEnv>()
  .get("/", async (c) => {
    const query = queryOf(c, ListQuery);
    if (query.email) return c.json({ items: [await Client.byEmail(query.email)], next_cursor: null });
    return c.json(await Client.list(query));
  })
  .post("/", async (c) => {
    const client = await Client.create((await jsonBody(c)) as Client.CreateInput);
    return c.json(client, 201, { location: `/api/clients/${client.client_id}`, etag: etag(client.version) });
  })
  .get("/:id", async (c) => {
    const client = await Client.get(c.req.param("id"));
    return c.json(client, 200, { etag: etag(client.version) });
  })
  .put("/:id", async (c) => {
    const body = await jsonBody(c);
    const client = await Client.update(c.req.param("id"), body as Client.UpdateInput, expectedVersion(c, body));
    return c.json(client, 200, { etag: etag(client.version) });
  })
  .delete("/:id", async (c) => {
    await Client.remove(c.req.param("id"), expectedVersion(c));
    return c.body(null, 204);
  })
  .get("/:id/audit", async (c) => {
    const client = await Client.get(c.req.param("id"));
    return c.json(await Audit.trail(client.client_id, queryOf(c, v.strictObject(PageQuery.entries))));
  });
