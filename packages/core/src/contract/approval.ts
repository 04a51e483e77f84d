/**
 * How many approvers ending a contract needs: the contract's approval policy,
 * pure over the stage's thresholds. The contract keeps the highest tier it
 * ever reached; a termination asks it before it is requested.
 */
import { settings, type ApprovalThresholds } from "../config";
import { ValidationError } from "../error";

/** How many distinct approvers (none of them the requester) a termination needs. */
export type ApprovalsRequired = 0 | 1 | 2;

/** Rounds down to two significant digits: a converted threshold reads as a policy (15,000 KWD), and rounding never makes approval easier. */
const roundDown = (amount: number) => {
  const unit = 10 ** Math.max(Math.floor(Math.log10(amount)) - 1, 0);
  // The nudge keeps binary rounding (50,000 × 1.38 = 68,999.99…) from costing a whole step.
  return Math.floor(amount / unit + 1e-9) * unit;
};

/**
 * A currency's thresholds: its own, or the base currency's converted at the
 * stage's exchange rate; undefined if the stage has neither (it does not
 * accept the currency).
 */
export function thresholdsFor(currency: string): ApprovalThresholds | undefined {
  const { byCurrency, baseCurrency, exchangeRates } = settings().approval;
  const own = byCurrency[currency];
  if (own) return own;
  const rate = exchangeRates[currency];
  const base = byCurrency[baseCurrency];
  if (!rate || !base) return undefined;
  return { one: roundDown(base.one * rate), two: roundDown(base.two * rate) };
}

/** Every currency the stage accepts, with its thresholds, in code order. */
export const currencyThresholds = (): Record<string, ApprovalThresholds> => {
  const { byCurrency, exchangeRates } = settings().approval;
  const codes = [...new Set([...Object.keys(byCurrency), ...Object.keys(exchangeRates)])].sort();
  return Object.fromEntries(codes.flatMap((code) => {
    const thresholds = thresholdsFor(code);
    return thresholds ? [[code, thresholds]] : [];
  }));
};

/** Refuses a currency the stage has no thresholds for: nobody could say who must approve ending such a contract. */
export function requireThresholds(currency: string): void {
  if (thresholdsFor(currency)) return;
  throw new ValidationError([
    {
      path: "currency",
      message: `currency: this stage has no approval thresholds for ${currency}, neither its own nor an exchange rate; accepted: ${Object.keys(currencyThresholds()).join(", ")}`,
    },
  ]);
}

/** The approvers a value needs in its own currency, by the stage's thresholds; two if the stage no longer has any for it. */
export function approvalsFor(value: number, currency: string): ApprovalsRequired {
  const thresholds = thresholdsFor(currency);
  if (!thresholds) return 2;
  return value >= thresholds.two ? 2 : value >= thresholds.one ? 1 : 0;
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

