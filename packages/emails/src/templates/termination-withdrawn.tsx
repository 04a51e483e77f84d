import type { TemplateProps } from "@testex/core/notification/templates";
import { Layout, Paragraph } from "../layout";
import { wording } from "../wording";

type Props = TemplateProps<"termination-withdrawn">;
const w = wording();

export const subject = (p: Props) => w.withdrawn.subject(p.contract_title, p.contract_id);

/** To the client who was given notice, when it is withdrawn before the date: the contract continues. */
export function TerminationWithdrawn(p: Props) {
  return (
    <Layout preview={w.withdrawn.preview(p.contract_title)} heading={w.withdrawn.heading} reference={p.contract_id}>
      <Paragraph>{w.greeting(p.client_name)}</Paragraph>
      <Paragraph>{w.withdrawn.body(p.contract_title, p.contract_id, p.effective_date)}</Paragraph>
      <Paragraph>{w.questions}</Paragraph>
    </Layout>
  );
}

TerminationWithdrawn.PreviewProps = {
  contract_id: "CT7K2M4Q7ZP1X9",
  contract_title: "Managed hosting services 2025-2027",
  client_name: "Northwind Traders Ltd",
  effective_date: "2027-03-31",
} satisfies Props;
