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
      {p.approver_name ? <Paragraph>Dear {p.approver_name},</Paragraph> : null}
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
          ["Notice", p.notice_basis === undefined ? undefined : p.notice_basis === "SHORT_NOTICE" ? "Short notice, as the reason allows" : `${p.notice_period_days ?? "The"} days' notice, as the contract provides`],
          ["Requested by", p.requested_by],
          [
            "Approvals",
            p.approvals_required === undefined
              ? undefined
              : `${p.approved_by?.length ?? 0} of ${p.approvals_required}${p.approved_by?.length ? `, ${p.approved_by.join(" and ")} approved` : ""}`,
          ],
        ]}
      />
      <Paragraph>{p.client_message ? `The client will read: "${p.client_message}"` : "The notice to the client carries no message beyond the letter."}</Paragraph>
      <Section style={{ margin: "24px 0" }}>
        <Button href={p.review_url} style={styles.buttonApprove}>
          Review the request
        </Button>
      </Section>
      <Paragraph>
        Attached is a preview of the letter the client will receive once the request is approved. The link opens the request in the TESTEX console: sign in
        there, then approve or reject it.
      </Paragraph>
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
  client_message: "Thank you for working with us. Your data export will follow within 30 days.",
  notice_basis: "NOTICE_PERIOD",
  notice_period_days: 90,
  approvals_required: 2,
  approved_by: ["Ana Ortiz"],
  review_url: "https://console.testex.com/contracts/CT7K2M4Q7ZP1X9/termination",
} satisfies Props;
