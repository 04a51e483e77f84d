import { Button, Section } from "@react-email/components";
import type { TemplateProps } from "@testex/core/notification/templates";
import { Facts, Layout, longDate, Paragraph, styles } from "../layout";

type Props = TemplateProps<"end-date-reminder">;

const when = (days: number) => (days === 0 ? "today" : days === 1 ? "tomorrow" : `in ${days} days`);

export const subject = (p: Props) =>
  p.kind === "END_DATE"
    ? `${p.contract_title} (${p.contract_id}) ends ${when(p.days_left)}`
    : `Last day to give notice on ${p.contract_title} (${p.contract_id}) is ${when(p.days_left)}`;

/** Ahead of a contract's end, and of the last day notice can still be given. */
export function EndDateReminder(p: Props) {
  return (
    <Layout preview={subject(p)} heading={p.kind === "END_DATE" ? "A contract is ending" : "Notice deadline approaching"} reference={p.contract_id}>
      <Paragraph>
        {p.kind === "END_DATE"
          ? `"${p.contract_title}" (${p.contract_id}) ends on ${longDate(p.end_date)}, ${when(p.days_left)}. Decide whether to renew it or let it end.`
          : `The last day to give notice on "${p.contract_title}" (${p.contract_id}) is ${longDate(p.due_date)}, ${when(p.days_left)}. After that, its ${p.notice_period_days}-day notice period can no longer be respected before the end date.`}
      </Paragraph>
      {p.renewal === "AUTO" && p.renewal_term_months ? (
        <Paragraph>{`Unless notice is given by then, it renews for ${p.renewal_term_months} months on ${longDate(p.end_date)}. This reminder repeats until someone renews it, gives notice, or changes its term.`}</Paragraph>
      ) : p.renewal === "NONE" ? (
        <Paragraph>Unless it is renewed, it expires after its end date. This reminder repeats until someone renews it, gives notice, or changes its term.</Paragraph>
      ) : null}
      <Facts
        rows={[
          ["Contract", `${p.contract_title} (${p.contract_id})`],
          ["End date", longDate(p.end_date)],
          ["Notice period", `${p.notice_period_days} days`],
          ["Last day to give notice", p.kind === "NOTICE_DEADLINE" ? longDate(p.due_date) : undefined],
        ]}
      />
      {p.contract_url && (
        <Section style={{ margin: "24px 0" }}>
          <Button href={p.contract_url} style={styles.buttonApprove}>
            Open the contract
          </Button>
        </Section>
      )}
    </Layout>
  );
}

EndDateReminder.PreviewProps = {
  contract_id: "CT7K2M4Q7ZP1X9",
  contract_title: "Managed hosting services 2025-2027",
  kind: "NOTICE_DEADLINE",
  due_date: "2027-01-30",
  days_left: 30,
  end_date: "2027-03-31",
  notice_period_days: 60,
  renewal: "AUTO",
  renewal_term_months: 12,
  contract_url: "https://console.testex.com/contracts/CT7K2M4Q7ZP1X9",
} satisfies Props;
