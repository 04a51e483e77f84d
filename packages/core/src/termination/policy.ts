/**
 * The rules a termination must satisfy: who must approve it, which reasons
 * exist and what each allows, and who may decide. Pure functions over the
 * stage's settings; the commands ask these before they write anything.
 */
import { settings, type ApprovalThresholds, type ReasonSettings } from "../config";
import { DomainError, ValidationError, type FieldIssue } from "../error";

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

// ---------------------------------------------------------------- reasons

export const reasons = (): readonly ReasonSettings[] => settings().terminationReasons;

export const reasonOf = (code: string): ReasonSettings | undefined => reasons().find((reason) => reason.code === code);

/** The reason as people read it; a code the catalogue no longer lists still reads as words. */
export const labelOf = (code: string): string => {
  const label = reasonOf(code)?.label;
  if (label) return label;
  const words = code.toLowerCase().replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export const addDays = (date: string, days: number): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** Today as YYYY-MM-DD in UTC: effective dates are calendar days, compared in one zone. */
export const today = (now = new Date()) => now.toISOString().slice(0, 10);

/** Why the effective date is what it is: the notice period, or a reason that allows shorter notice. */
export type NoticeBasis = "NOTICE_PERIOD" | "SHORT_NOTICE";

/**
 * Checks a request against the catalogue and the notice period; every broken
 * rule is named at once. Returns the effective date and its basis.
 */
export function checkRequest(
  input: { reason: string; effective_date?: string; notes?: string },
  contract: { notice_period_days: number; end_date?: string; renewal?: string },
  day: string,
): { effective_date: string; basis: NoticeBasis } {
  const issues: FieldIssue[] = [];
  const reason = reasonOf(input.reason);
  const earliest = addDays(day, contract.notice_period_days);
  const termEnd = reason?.endOfTerm ? endOfTerm(contract) : undefined;
  const effective = input.effective_date ?? termEnd ?? earliest;
  if (reason?.endOfTerm) {
    if (!termEnd) issues.push({ path: "reason", message: `An open-ended contract has no term to end; ${reason.code} does not apply` });
    else if (effective !== termEnd) issues.push({ path: "effective_date", message: `${reason.label} takes effect on the term's last day, ${termEnd}` });
  }
  if (!reason) {
    issues.push({ path: "reason", message: `Unknown reason; one of ${reasons().map((r) => r.code).join(", ")}` });
  } else {
    if (reason.commentRequired && !input.notes) issues.push({ path: "notes", message: `The reason ${reason.code} needs notes saying why` });
    if (effective >= day && effective < earliest && !reason.shortNotice) {
      const short = reasons().filter((r) => r.shortNotice).map((r) => r.code);
      issues.push({
        path: "effective_date",
        message: `The notice period ends on ${earliest}; only ${short.join(" or ") || "no reason"} may end the contract sooner`,
      });
    }
  }
  if (effective < day) issues.push({ path: "effective_date", message: "The effective date must not be in the past" });
  if (issues.length) throw new ValidationError(issues);
  return { effective_date: effective, basis: effective < earliest ? "SHORT_NOTICE" : "NOTICE_PERIOD" };
}

/** The term's last day, or nothing for an open-ended contract (stored with the open-end sentinel). */
const endOfTerm = (contract: { end_date?: string; renewal?: string }) => (contract.renewal === "EVERGREEN" ? undefined : contract.end_date);

// ---------------------------------------------------------------- who decides

export interface Decision {
  by: string;
  email?: string;
  name?: string;
  at: string;
  outcome: "APPROVED" | "REJECTED";
  comment?: string;
}

/** Four eyes: whoever decides is not whoever asked. */
export function assertNotRequester(termination: { requested_by: string }, actorId: string): void {
  if (termination.requested_by === actorId) {
    throw new DomainError("termination.four_eyes", "The person who requested a termination cannot also decide it; another approver must.", {
      requested_by: termination.requested_by,
    });
  }
}

/** Two approvals must come from two people. */
export function assertNewApprover(decisions: readonly Decision[], actorId: string): void {
  if (decisions.some((decision) => decision.by === actorId && decision.outcome === "APPROVED")) {
    throw new DomainError("termination.already_approved", "You have already approved this termination; a second, different approver must.", {
      approved_by: decisions.filter((d) => d.outcome === "APPROVED").map((d) => d.by),
    });
  }
}
