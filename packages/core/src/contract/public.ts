/**
 * The contract as it is shown outside: the API's replies and the payloads of
 * its created and updated events (so a webhook receiver reads the same fields
 * as an API client). Apart from the operations so the events file can use it.
 */
import * as v from "valibot";
import { CONTRACT_STATUSES, CONTRACT_TYPES } from "./entity";
import { RENEWALS } from "./term";

export const Contract = v.object({
  contract_id: v.string(),
  client_id: v.string(),
  title: v.string(),
  contract_type: v.picklist(CONTRACT_TYPES),
  status: v.picklist(CONTRACT_STATUSES),
  start_date: v.string(),
  end_date: v.pipe(v.optional(v.string()), v.description("The term's last day; absent for an EVERGREEN contract.")),
  value: v.number(),
  currency: v.string(),
  notice_period_days: v.number(),
  renewal: v.pipe(v.picklist(RENEWALS), v.description("NONE: expires after end_date unless renewed. AUTO: renews for renewal_term_months unless notice is given by notice_deadline. EVERGREEN: no end date; runs until terminated with notice.")),
  renewal_term_months: v.optional(v.number()),
  notice_deadline: v.pipe(
    v.optional(v.string()),
    v.description("end_date minus notice_period_days: the last day notice can be given so the contract ends at end_date (AUTO: after it, the contract renews). Absent for EVERGREEN."),
  ),
  owner_id: v.optional(v.string()),
  owner_email: v.optional(v.string()),
  termination_reason: v.optional(v.string()),
  approval_tier: v.optional(
    v.pipe(v.number(), v.description("The most approvers any of the contract's terms ever needed; ending it needs at least this many (0, 1 or 2)")),
  ),
  termination_id: v.optional(v.string()),
  version: v.number(),
  created_at: v.string(),
  updated_at: v.string(),
});
export type Contract = v.InferOutput<typeof Contract>;
