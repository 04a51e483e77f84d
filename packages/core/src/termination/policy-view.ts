/**
 * The stage's termination policy as people read it: who must approve by
 * value and currency, the reasons and their rules, and who approves. Read
 * only: it comes from the stage's settings, changed by a deployment.
 */
import * as v from "valibot";
import { ROLES } from "../access";
import { settings } from "../config";
import { currencyThresholds } from "../contract/approval";
import { approvingGroups } from "../directory";
import { reasonCatalogue } from "./queries";
import { Reason } from "./schemas";

const Thresholds = v.object({
  currency: v.pipe(v.string(), v.description("An ISO 4217 code the stage accepts; any other currency is refused")),
  one: v.pipe(v.number(), v.description("From this value, one approver")),
  two: v.pipe(v.number(), v.description("From this value, two distinct approvers")),
});

export const PolicyView = v.object({
  thresholds: v.array(Thresholds),
  remind_after_days: v.pipe(v.number(), v.description("Approvers are reminded of a request that has waited longer")),
  reasons: v.array(Reason),
  approvers: v.object({
    groups: v.pipe(v.array(v.object({ group: v.string(), role: v.picklist(ROLES) })), v.description("The issuer's groups whose role may approve")),
    fallback_emails: v.pipe(v.array(v.string()), v.description("Where approval requests go when no approver can be named")),
  }),
});
export type PolicyView = v.InferOutput<typeof PolicyView>;

export function policyView(): PolicyView {
  const { approval, oidc, approverEmails } = settings();
  return {
    // Every currency the stage accepts, its own thresholds or converted from the base currency's.
    thresholds: Object.entries(currencyThresholds())
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, limits]) => ({ currency, ...limits })),
    remind_after_days: approval.remindAfterDays,
    reasons: reasonCatalogue(),
    approvers: {
      groups: approvingGroups(oidc.roles),
      fallback_emails: approverEmails,
    },
  };
}
