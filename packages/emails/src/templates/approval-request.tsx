import { Button, Section } from "@react-email/components";
import type { TemplateProps } from "@testex/core/notification/templates";
import { Facts, Layout, longDate, money, Paragraph, styles } from "../layout";

type Props = TemplateProps<"approval-request">;

export const subject = (p: Props) =>
  `${p.waiting_days === undefined ? "" : `Reminder (waiting ${p.waiting_days} days): `}Approval needed: termination of ${p.contract_title} (${p.contract_id})`;

/** To approvers: a termination above the threshold waits for their decision. */
export function ApprovalRequest(p: Props) {
  return (
    <Layout preview={`${p.requested_by} asks to terminate ${p.contract_title}`} heading="A termination needs your approval" reference={p.contract_id}>
      {p.waiting_days === undefined ? null : <Paragraph>This request has waited {p.waiting_days} days for your decision.</Paragraph>}
      <Paragraph>
        {p.requested_by} asks to terminate "{p.contract_title}" ({p.contract_id}), worth {money(p.value, p.currency)}, with effect from{" "}
        {longDate(p.effective_date)}.
      </Paragraph>
      <Facts
        rows={[
          ["Contract", `${p.contract_title} (${p.contract_id})`],
          ["Value", money(p.value, p.currency)],
          ["Effective date", longDate(p.effective_date)],
          ["Reason", p.reason],
          ["Requested by", p.requested_by],
        ]}
      />
      <Section style={{ margin: "24px 0" }}>
        <Button href={p.review_url} style={styles.buttonApprove}>
          Review the request
        </Button>
      </Section>
      <Paragraph>The link opens the request in the TESTEX console: sign in there, then approve or reject it.</Paragraph>
    </Layout>
  );
}

ApprovalRequest.PreviewProps = {
  contract_id: "CT7K2M4Q7ZP1X9",
  contract_title: "Managed hosting services 2025-2027",
  requested_by: "james.chen@testex.com",
  reason: "Supplier repeatedly missed the agreed service levels (clause 9)",
  value: 184500,
  currency: "EUR",
  effective_date: "2027-03-31",
  review_url: "https://console.testex.com/contracts/CT7K2M4Q7ZP1X9/termination",
} satisfies Props;
