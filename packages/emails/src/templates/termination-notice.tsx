import type { TemplateProps } from "@testex/core/notification/templates";
import { Facts, Layout, longDate, Paragraph } from "../layout";

type Props = TemplateProps<"termination-notice">;

export const subject = (p: Props) => `Notice of termination: ${p.contract_title} (${p.contract_id})`;

/** To the client: their contract ends, why and when. */
export function TerminationNotice(p: Props) {
  return (
    <Layout preview={`${p.contract_title} ends on ${longDate(p.effective_date)}`} heading="Notice of contract termination" reference={p.contract_id}>
      <Paragraph>Dear {p.client_name},</Paragraph>
      <Paragraph>
        We hereby give notice that the contract "{p.contract_title}" ({p.contract_id}) is terminated with effect from {longDate(p.effective_date)}.
      </Paragraph>
      <Facts
        rows={[
          ["Contract", `${p.contract_title} (${p.contract_id})`],
          ["Effective date", longDate(p.effective_date)],
          ["Reason", p.reason],
          ["Notes", p.notes],
        ]}
      />
      <Paragraph>If you have questions about this notice, please contact your account manager and quote the contract reference.</Paragraph>
    </Layout>
  );
}

TerminationNotice.PreviewProps = {
  contract_id: "CT7K2M4Q7ZP1X9",
  contract_title: "Managed hosting services 2025-2027",
  client_name: "Northwind Traders Ltd",
  reason: "Termination for convenience under clause 14.2",
  effective_date: "2027-03-31",
  notes: "Data export will be provided within 30 days of the effective date.",
} satisfies Props;
