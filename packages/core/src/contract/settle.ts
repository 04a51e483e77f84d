/**
 * The term a contract is written with: renewal default, open end and derived
 * notice deadline. Every write goes through it, since the notice-deadline
 * index needs a value on each one.
 */
import { ValidationError } from "../error";
import type { EntityItem } from "electrodb";
import type { ContractEntity } from "./entity";
import { DEFAULT_RENEWAL, noticeDeadline, OPEN_END } from "./term";

type Stored = EntityItem<typeof ContractEntity>;
type TermFields = Pick<Stored, "end_date" | "renewal" | "renewal_term_months" | "notice_period_days" | "notice_deadline">;

/**
 * The term a write leaves the contract with, or why it is not a term: what the
 * caller gave (`given`) is checked against what the contract becomes, so a
 * partial update that switches to AUTO without a term length is refused too.
 */
export function settleTerm<T extends Partial<TermFields>>(next: T & { notice_period_days: number }, given: Partial<TermFields>, was?: Stored): T & TermFields {
  const renewal = next.renewal ?? DEFAULT_RENEWAL;
  const wasOpenEnded = was?.renewal === "EVERGREEN";
  const issues: { path: string; message: string }[] = [];
  if (renewal === "EVERGREEN") {
    if (given.end_date !== undefined) issues.push({ path: "end_date", message: "end_date: an EVERGREEN contract has no end date" });
    if (given.renewal_term_months !== undefined) issues.push({ path: "renewal_term_months", message: "renewal_term_months: an EVERGREEN contract does not renew by terms" });
  } else {
    if (!next.end_date || (wasOpenEnded && given.end_date === undefined)) {
      issues.push({ path: "end_date", message: `end_date: a ${renewal} contract needs an end date` });
    }
    if (renewal === "AUTO" && !next.renewal_term_months) issues.push({ path: "renewal_term_months", message: "renewal_term_months: an AUTO contract needs a renewal term" });
  }
  if (issues.length) throw new ValidationError(issues);
  const { renewal_term_months: months, ...rest } = next;
  const term = renewal === "EVERGREEN" ? { ...rest, end_date: OPEN_END } : { ...rest, ...(months ? { renewal_term_months: months } : {}) };
  // The index on it needs a value on every write: an open end has its deadline at the open end too (and stays out of the index).
  const notice_deadline = noticeDeadline({ ...term, renewal, end_date: term.end_date! }) ?? OPEN_END;
  return { ...term, renewal, notice_deadline } as T & TermFields;
}

/** A stored contract with its term settled (renewal default, open end, derived notice deadline), ready to be written. */
export const withTerm = (contract: Stored): Stored => settleTerm(contract, {});
