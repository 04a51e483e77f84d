import type { Wording } from "./wording";

/** The parties and terms of a termination, as notices and the letter both state them. */
export interface TerminationTerms {
  contract_id: string;
  contract_title: string;
  reason: string;
  effective_date: string;
  notice_basis?: "NOTICE_PERIOD" | "SHORT_NOTICE";
  notice_period_days?: number;
  client_message?: string;
}

/** Label/value rows in the order every client-facing document lists them. */
export function terminationTerms(w: Wording, t: TerminationTerms): [label: string, value: string | undefined][] {
  return [
    [w.terms.contract, `${t.contract_title} (${t.contract_id})`],
    [w.terms.effectiveDate, w.date(t.effective_date)],
    [w.terms.reason, t.reason],
    [w.terms.notice, t.notice_basis ? w.noticeBasis(t.notice_basis, t.notice_period_days) : undefined],
    [w.terms.message, t.client_message],
  ];
}
