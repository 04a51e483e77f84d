import type { TemplateProps } from "@testex/core/notification/templates";
import { Facts, Layout, longDate, Paragraph, Salutation } from "../layout";

type Props = TemplateProps<"contract-renewed">;

const term = (months: number) => (months % 12 === 0 ? `${months / 12} year${months === 12 ? "" : "s"}` : `${months} month${months === 1 ? "" : "s"}`);

export const subject = (p: Props) => `Renewed until ${longDate(p.end_date)}: ${p.contract_title} (${p.contract_id})`;

/** A contract's term was extended: by its own terms (AUTO) or by someone's decision; to the client and to the owner. */
export function ContractRenewed(p: Props) {
  const why = p.how === "AUTO" ? "renewed by its terms, as no notice was given before the notice deadline" : "has been renewed";
  return (
    <Layout preview={subject(p)} heading="Contract renewed" reference={p.contract_id}>
      <Salutation audience={p.audience} client_name={p.client_name} />
      <Paragraph>
        {`The contract "${p.contract_title}" (${p.contract_id}) ${why}. It now runs for a further ${term(p.term_months)}, until ${longDate(p.end_date)}.`}
      </Paragraph>
      <Paragraph>{`Notice to end it at that date must be given by ${longDate(p.notice_deadline)} (${p.notice_period_days} days' notice).`}</Paragraph>
      <Facts
        rows={[
          ["Contract", `${p.contract_title} (${p.contract_id})`],
          ["Previous end date", longDate(p.previous_end_date)],
          ["New end date", longDate(p.end_date)],
          ["Last day to give notice", longDate(p.notice_deadline)],
        ]}
      />
    </Layout>
  );
}

ContractRenewed.PreviewProps = {
  contract_id: "CT7K2M4Q7ZP1X9",
  contract_title: "Managed hosting services 2025-2027",
  audience: "CLIENT",
  client_name: "Northwind Traders",
  previous_end_date: "2027-03-31",
  end_date: "2028-03-31",
  term_months: 12,
  notice_period_days: 60,
  notice_deadline: "2028-01-31",
  how: "AUTO",
} satisfies Props;
