import type { TemplateProps } from "@testex/core/notification/templates";
import { Facts, Layout, Paragraph } from "../layout";
import { terminationTerms } from "../terms";
import { wording } from "../wording";

type Props = TemplateProps<"termination-notice">;
const w = wording();

export const subject = (p: Props) => w.notice.subject(p.contract_title, p.contract_id);

/** To the client, when the date is fixed: their contract ends, why and when; the letter travels with it. */
export function TerminationNotice(p: Props) {
  return (
    <Layout preview={w.notice.preview(p.contract_title, p.effective_date)} heading={w.notice.heading} reference={p.contract_id}>
      <Paragraph>{w.greeting(p.client_name)}</Paragraph>
      <Paragraph>{w.notice.body(p.contract_title, p.contract_id, p.effective_date)}</Paragraph>
      <Facts rows={terminationTerms(w, p)} />
      <Paragraph>{w.notice.letterAttached}</Paragraph>
      <Paragraph>{w.questions}</Paragraph>
    </Layout>
  );
}

TerminationNotice.PreviewProps = {
  contract_id: "CT7K2M4Q7ZP1X9",
  contract_title: "Managed hosting services 2025-2027",
  client_name: "Northwind Traders Ltd",
  reason: "Termination for convenience",
  effective_date: "2027-03-31",
  notice_basis: "NOTICE_PERIOD",
  notice_period_days: 30,
  client_message: "Data export will be provided within 30 days of the effective date.",
} satisfies Props;
