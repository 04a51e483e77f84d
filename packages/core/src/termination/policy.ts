/**
 * The rules a termination must satisfy: who must approve it, which reasons
 * exist and what each allows, and who may decide. Pure functions over the
 * stage's settings; the commands ask these before they write anything.
 */
import { settings, type ReasonSettings } from "../config";
import { addDays, today } from "../dates";
import { DomainError, ValidationError, type FieldIssue } from "../error";

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
