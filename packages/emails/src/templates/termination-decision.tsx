import type { TemplateProps } from "@testex/core/notification/templates";
import { Facts, Layout, Paragraph } from "../layout";

type Props = TemplateProps<"termination-decision">;

const verb = (p: Props) => (p.decision === "APPROVED" ? "approved" : "rejected");

export const subject = (p: Props) => `Termination ${verb(p)}: ${p.contract_title} (${p.contract_id})`;

/** To the requester: what the approver decided. */
export function TerminationDecision(p: Props) {
  return (
    <Layout preview={`${p.decided_by} ${verb(p)} the termination`} heading={`Termination ${verb(p)}`} reference={p.contract_id}>
      <Paragraph>
        {p.decided_by} {verb(p)} your request to terminate "{p.contract_title}" ({p.contract_id}).
        {p.decision === "APPROVED" ? " The termination now proceeds; the client is notified." : " The contract stays as it was."}
      </Paragraph>
      <Facts
        rows={[
          ["Contract", `${p.contract_title} (${p.contract_id})`],
          ["Decision", p.decision],
          ["Decided by", p.decided_by],
          ["Comment", p.comment],
        ]}
      />
    </Layout>
  );
}

TerminationDecision.PreviewProps = {
  contract_id: "CT7K2M4Q7ZP1X9",
  contract_title: "Managed hosting services 2025-2027",
  decision: "APPROVED",
  decided_by: "priya.nair@testex.com",
  comment: "Agreed; make sure the data export is scheduled.",
} satisfies Props;
