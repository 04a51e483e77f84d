import { Hono } from "hono";
import * as v from "valibot";
import { Audit, Contract } from "@testex/core";
import { PageQuery } from "@testex/core/schema";
import { etag, expectedVersion, jsonBody, queryOf } from "../request";
import type { AppEnv } from "../types";

export const contracts = new Hono<AppEnv>()
  .get("/", async (c) => c.json(await Contract.list(c.req.query() as Contract.ListQuery)))
  .post("/", async (c) => {
    const contract = await Contract.create((await jsonBody(c)) as Contract.CreateInput);
    return c.json(contract, 201, { location: `/api/contracts/${contract.contract_id}`, etag: etag(contract.version) });
  })
  .get("/:id", async (c) => {
    const contract = await Contract.get(c.req.param("id"));
    return c.json(contract, 200, { etag: etag(contract.version) });
  })
  .put("/:id", async (c) => {
    const body = await jsonBody(c);
    const contract = await Contract.update(c.req.param("id"), body as Contract.UpdateInput, expectedVersion(c, body));
    return c.json(contract, 200, { etag: etag(contract.version) });
  })
  .delete("/:id", async (c) => {
    await Contract.remove(c.req.param("id"), expectedVersion(c));
    return c.body(null, 204);
  })
  .get("/:id/audit", async (c) => {
    const contractId = Contract.id(c.req.param("id"));
    const page = queryOf(c, v.strictObject(PageQuery.entries));
    // Deleted contracts keep their trail, so the trail is read without requiring the contract.
    return c.json(await Audit.trail(contractId, page));
  });
