/**
 * How many approvers ending a contract needs: the contract's approval policy,
 * pure over the stage's thresholds. The contract keeps the highest tier it
 * ever reached; a termination asks it before it is requested.
 */
import { settings, type ApprovalThresholds } from "../config";

/** How many distinct approvers (none of them the requester) a termination needs. */
export type ApprovalsRequired = 0 | 1 | 2;

export const thresholdsFor = (currency: string): ApprovalThresholds =>
  settings().approval.byCurrency[currency] ?? settings().approval.default;

/** The approvers a value needs in its own currency, by the stage's thresholds. */
export function approvalsFor(value: number, currency: string): ApprovalsRequired {
  const { one, two } = thresholdsFor(currency);
  return value >= two ? 2 : value >= one ? 1 : 0;
}

/** What the approval rule reads of a contract. */
export interface Terms {
  value: number;
  currency: string;
  /** The most approvers any of the contract's past terms needed (absent on contracts written before the rule). */
  approval_tier?: number;
}

/**
 * The rule that cannot be dodged: a termination needs the approvers of the
 * highest tier the contract has ever reached, not of its value today. Lowering
 * the value, or moving it to a currency with higher thresholds, right before
 * asking to end the contract therefore changes nothing.
 */
export const approvalsRequired = (contract: Terms): ApprovalsRequired =>
  Math.max(contract.approval_tier ?? 0, approvalsFor(contract.value, contract.currency)) as ApprovalsRequired;

/** The tier a contract keeps after its terms change: what the new terms need, and never less than before. */
export const tierAfter = (before: Terms | undefined, after: { value: number; currency: string }): ApprovalsRequired =>
  Math.max(before ? approvalsRequired(before) : 0, approvalsFor(after.value, after.currency)) as ApprovalsRequired;
