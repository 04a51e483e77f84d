import { Hono } from "hono";
import * as v from "valibot";
import { Contract, Export, File, Termination, type ErrorCode } from "@testex/core";
import { ContractId, PageOf } from "@testex/core/schema";
import { parse } from "@testex/core/validation";
import { exported, exportFormat, exportsDescription, ExportQuery } from "../export";
import { operation } from "../operation";
import { etag } from "../request";
import type { AppEnv } from "../types";

const Params = v.object({ id: ContractId });
const tag = "Terminations";
const moveErrors: ErrorCode[] = ["contract.not_found", "termination.invalid_transition", "version.conflict"];
const decisionErrors: ErrorCode[] = [...moveErrors, "termination.not_found", "termination.four_eyes"];
const approveErrors: ErrorCode[] = [...decisionErrors, "termination.already_approved"];

export const terminations = new Hono<AppEnv>()
  .post(
    "/contracts/:id/termination",
    operation({
      tag,
      summary: "Request the termination of a contract",
      description:
        "How many approvers it needs (0, 1 or 2) follows from the highest approval tier the contract has ever reached (its value against the stage's per-currency thresholds), so lowering the value first changes nothing. With none needed its date is fixed at once and the client is given notice; effective today, the contract is terminated at once.",
      access: "write",
      params: Params,
      body: Termination.RequestInput,
      responses: { 201: Termination.Termination },
      headers: { 201: ["Location", "ETag"] },
      errors: moveErrors,
    }),
    async (c) => {
      const termination = await Termination.request(c.req.param("id"), c.var.input.body);
      return c.json(termination, 201, { location: `/api/contracts/${termination.contract_id}/termination`, etag: etag(termination.version) });
    },
  )
  .get(
    "/contracts/:id/termination",
    operation({
      tag,
      summary: "The contract's current or most recent termination",
      access: "read",
      params: Params,
      responses: { 200: Termination.Termination },
      headers: { 200: ["ETag"] },
      errors: ["contract.not_found", "termination.not_found"],
    }),
    async (c) => {
      const termination = await Termination.current(c.req.param("id"));
      return c.json(termination, 200, { etag: etag(termination.version) });
    },
  )
  .get(
    "/contracts/:id/termination/letter",
    operation({
      tag,
      summary: "A download link for the termination letter (PDF) of the contract's current or latest termination",
      description: "The letter is written when the termination's date is fixed; until then (or a moment after) it is a 404 file.not_found.",
      access: "read",
      params: Params,
      responses: { 200: File.DownloadLink },
      errors: ["contract.not_found", "termination.not_found", "file.not_found"],
    }),
    async (c) => c.json(await Termination.letter(c.req.param("id"))),
  )
  .get(
    "/termination-reasons",
    operation({ tag, summary: "The reasons a termination may give on this stage, and each one's rules", access: "read", responses: { 200: v.object({ items: v.array(Termination.Reason) }) } }),
    (c) => c.json({ items: Termination.reasonCatalogue() }),
  )
  .get(
    "/reports/terminations",
    operation({
      tag: "Reports",
      summary: "Terminations effective between two dates, counted by reason, status and month",
      description: exportsDescription("the terminations the report counts, one a row by effective date, `decisions` as JSON"),
      access: "read",
      // Documents the parameters; the handler checks them with the report's own cross-field rules.
      query: v.strictObject({ ...Termination.ReportQuery.pipe[0].entries, ...ExportQuery.entries }),
      responses: { 200: Termination.Report },
      exports: true,
    }),
    async (c) => {
      const { format, delivery, ...range } = c.var.input.query;
      // The report's cross-field rules (from before to, a bounded span) are its own schema's.
      const { from, to } = parse(Termination.ReportQuery, range);
      const as = exportFormat(c, format);
      if (!as) return c.json(await Termination.report({ from, to }));
      return exported(c, as, delivery, Export.TABLES.terminations, Export.terminationsEffective({ from, to }));
    },
  )
  .post(
    "/contracts/:id/termination/approve",
    operation({
      tag,
      summary: "Approve a pending termination (not by its requester)",
      description:
        "A termination needs as many distinct approvers as `approvals_required` says, none of them its requester. Until the last one approves it stays PENDING_APPROVAL (each approval is added to `decisions`); the last one schedules it, and one due today ends the contract at once.",
      access: "approve",
      params: Params,
      body: Termination.ApproveInput,
      bodyOptional: true,
      responses: { 200: Termination.Termination },
      errors: approveErrors,
    }),
    async (c) => c.json(await Termination.approve(c.req.param("id"), c.var.input.body)),
  )
  .post(
    "/contracts/:id/termination/reject",
    operation({ tag, summary: "Reject a pending termination, saying why (not by its requester)", access: "approve", params: Params, body: Termination.RejectInput, responses: { 200: Termination.Termination }, errors: decisionErrors }),
    async (c) => c.json(await Termination.reject(c.req.param("id"), c.var.input.body)),
  )
  .post(
    "/contracts/:id/termination/withdraw",
    operation({
      tag,
      summary: "Withdraw your own termination request while it is pending or scheduled",
      access: "write",
      params: Params,
      responses: { 200: Termination.Termination },
      errors: [...moveErrors, "termination.not_found", "termination.not_requester"],
    }),
    async (c) => c.json(await Termination.withdraw(c.req.param("id"))),
  )
  .get(
    "/terminations",
    operation({
      tag,
      summary: "Terminations by status (default: pending approval and scheduled), effective on or before a date",
      access: "read",
      query: Termination.ListQuery,
      responses: { 200: PageOf(Termination.Termination) },
    }),
    async (c) => c.json(await Termination.list(c.var.input.query)),
  );

