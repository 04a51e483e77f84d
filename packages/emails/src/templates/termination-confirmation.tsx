import type { TemplateProps } from "@testex/core/notification/templates";
import { Facts, Layout, Paragraph } from "../layout";
import { terminationTerms } from "../terms";
import { wording } from "../wording";

type Props = TemplateProps<"termination-confirmation">;
const w = wording();

export const subject = (p: Props) => w.confirmation.subject(p.contract_title, p.contract_id);

/** To the client, on the effective date: the contract has ended as notified. */
export function TerminationConfirmation(p: Props) {
  return (
    <Layout preview={w.confirmation.preview(p.contract_title, p.effective_date)} heading={w.confirmation.heading} reference={p.contract_id}>
      <Paragraph>{w.greeting(p.client_name)}</Paragraph>
      <Paragraph>{w.confirmation.body(p.contract_title, p.contract_id, p.effective_date)}</Paragraph>
      <Facts rows={terminationTerms(w, p)} />
      <Paragraph>{w.questions}</Paragraph>
    </Layout>
  );
}

TerminationConfirmation.PreviewProps = {
  contract_id: "CT7K2M4Q7ZP1X9",
  contract_title: "Managed hosting services 2025-2027",
  client_name: "Northwind Traders Ltd",
  reason: "Termination for convenience",
  effective_date: "2027-03-31",
} satisfies Props;
