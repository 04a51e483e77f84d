import { Hono } from "hono";
import * as v from "valibot";
import { Audit, Contract, Export, Term, type ErrorCode } from "@testex/core";
import { ContractId, PageOf, PageQuery } from "@testex/core/schema";
import { exported, exportFormat, exportsDescription, ExportQuery } from "../export";
import { operation } from "../operation";
import { etag, expectedVersion, queryOf } from "../request";
import type { AppEnv } from "../types";

const AuditQuery = v.strictObject({ ...PageQuery.entries, ...ExportQuery.entries });
const Params = v.object({ id: ContractId });
const tag = "Contracts";
/** A suspension or reinstatement is refused as a move the contract's status does not allow. */
const moveErrors: ErrorCode[] = ["contract.not_found", "termination.invalid_transition", "version.conflict"];

export const contracts = new Hono<AppEnv>()
  .get(
    "/",
    operation({
      tag,
      summary: "List contracts by end date, filtered by status, client or end-date range; or running contracts by notice deadline",
      description: exportsDescription("the contracts the filter matches, one a row"),
      access: "read",
      query: v.strictObject({ ...Contract.ListQuery.entries, ...ExportQuery.entries }),
      responses: { 200: PageOf(Contract.Contract) },
      exports: true,
    }),
    async (c) => {
      const { format, delivery, ...query } = c.var.input.query;
      const as = exportFormat(c, format);
      if (!as) return c.json(await Contract.list(query));
      return exported(c, as, delivery, Export.TABLES.contracts, await Export.everyItem((page) => Contract.list({ ...query, ...page, limit: String(page.limit) })));
    },
  )
  .get(
    "/search",
    operation({
      tag,
      summary: "Find contracts by the words of their title or their client's name",
      description:
        "Every word of `q` must start a word of the contract's title or of its client's name, regardless of case and accents " +
        "(`acm sup` finds *Support* for *ACME Ltd*). Matches come ordered by end date, at most `limit` of them; " +
        "`truncated` says more matched, and a longer query narrows them. Served by queries on a word index, never a scan.",
      access: "read",
      query: Contract.SearchQuery,
      responses: { 200: Contract.SearchResult },
    }),
    async (c) => c.json(await Contract.search(c.var.input.query)),
  )
  .post(
    "/",
    operation({
      tag,
      summary: "Create a contract for an active client",
      access: "write",
      body: Contract.CreateInput,
      responses: { 201: Contract.Contract },
      headers: { 201: ["Location", "ETag"] },
      errors: ["client.inactive"],
    }),
    async (c) => {
      const contract = await Contract.create(c.var.input.body);
      return c.json(contract, 201, { location: `/api/contracts/${contract.contract_id}`, etag: etag(contract.version) });
    },
  )
  .get(
    "/:id",
    operation({ tag, summary: "Get a contract", access: "read", params: Params, responses: { 200: Contract.Contract }, headers: { 200: ["ETag"] }, errors: ["contract.not_found"] }),
    async (c) => {
      const contract = await Contract.get(c.req.param("id"));
      return c.json(contract, 200, { etag: etag(contract.version) });
    },
  )
  .put(
    "/:id",
    operation({
      tag,
      summary: "Change a contract's terms (If-Match or version required)",
      access: "write",
      params: Params,
      body: Contract.UpdateInput,
      responses: { 200: Contract.Contract },
      headers: { 200: ["ETag"] },
      requestHeaders: { "If-Match": "optional" },
      errors: ["contract.not_found", "contract.read_only", "version.conflict", "version.required"],
    }),
    async (c) => {
      const { body } = c.var.input;
      const contract = await Contract.update(c.req.param("id"), body, expectedVersion(c.var.input.headers["If-Match"], body));
      return c.json(contract, 200, { etag: etag(contract.version) });
    },
  )
  .delete(
    "/:id",
    operation({
      tag,
      summary: "Delete a contract that never entered termination (keeps a copy and its audit trail)",
      access: "admin",
      params: Params,
      responses: { 204: null },
      requestHeaders: { "If-Match": "required" },
      errors: ["contract.not_found", "contract.has_termination", "version.conflict", "version.required"],
    }),
    async (c) => {
      await Contract.remove(c.req.param("id"), expectedVersion(c.var.input.headers["If-Match"]));
      return c.body(null, 204);
    },
  )
  .post(
    "/:id/renew",
    operation({
      tag,
      summary: "Renew a contract: its end date moves one term forward",
      description:
        "The term is `term_months`, else the contract's `renewal_term_months`. Running (ACTIVE, SUSPENDED) and EXPIRED contracts renew; an EXPIRED one becomes ACTIVE if the new term reaches today. EVERGREEN contracts have no end date to move. Audited as `contract.renewed`; the client and the owner are told.",
      access: "write",
      params: Params,
      body: Term.RenewInput,
      bodyOptional: true,
      responses: { 200: Contract.Contract },
      errors: ["contract.not_found", "contract.not_renewable", "version.conflict"],
    }),
    async (c) => {
      const contract = await Term.renew(c.req.param("id"), c.var.input.body);
      return c.json(contract, 200, { etag: etag(contract.version) });
    },
  )
  .post(
    "/:id/suspend",
    operation({ tag, summary: "Suspend an active contract", access: "write", params: Params, responses: { 200: Contract.Contract }, headers: { 200: ["ETag"] }, errors: moveErrors }),
    async (c) => {
      const contract = await Contract.suspend(c.req.param("id"));
      return c.json(contract, 200, { etag: etag(contract.version) });
    },
  )
  .post(
    "/:id/reinstate",
    operation({ tag, summary: "Reinstate a suspended contract", access: "write", params: Params, responses: { 200: Contract.Contract }, headers: { 200: ["ETag"] }, errors: moveErrors }),
    async (c) => {
      const contract = await Contract.reinstate(c.req.param("id"));
      return c.json(contract, 200, { etag: etag(contract.version) });
    },
  )
  .get(
    "/:id/audit",
    operation({
      tag,
      summary: "A contract's audit trail, newest first (kept after deletion)",
      description: exportsDescription("the trail's entries, one a row, `before` and `after` as JSON"),
      access: "read",
      params: Params,
      query: AuditQuery,
      responses: { 200: PageOf(Audit.AuditEntry) },
      exports: true,
    }),
    // Deleted contracts keep their trail, so the trail is read without requiring the contract.
    async (c) => {
      const { format, delivery, ...query } = queryOf(c, AuditQuery);
      const trail = (page: Audit.ListInput) => Audit.trail(Contract.id(c.req.param("id")), page);
      const as = exportFormat(c, format);
      if (!as) return c.json(await trail(query));
      return exported(c, as, delivery, Export.TABLES.audit, await Export.everyItem(trail));
    },
  );
