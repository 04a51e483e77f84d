import type { TemplateProps } from "@testex/core/notification/templates";
import { Facts, Layout, longDate, Paragraph, Salutation } from "../layout";

type Props = TemplateProps<"contract-expired">;

export const subject = (p: Props) => `Expired on ${longDate(p.end_date)}: ${p.contract_title} (${p.contract_id})`;

/** A contract that was not renewed reached the end of its term; to the client and to the owner. */
export function ContractExpired(p: Props) {
  return (
    <Layout preview={subject(p)} heading="Contract expired" reference={p.contract_id}>
      <Salutation audience={p.audience} client_name={p.client_name} />
      <Paragraph>
        {`The contract "${p.contract_title}" (${p.contract_id}) ended with its term on ${longDate(p.end_date)} and was not renewed. No further services are owed under it.`}
      </Paragraph>
      <Facts
        rows={[
          ["Contract", `${p.contract_title} (${p.contract_id})`],
          ["Last day of the term", longDate(p.end_date)],
        ]}
      />
    </Layout>
  );
}

ContractExpired.PreviewProps = {
  contract_id: "CT7K2M4Q7ZP1X9",
  contract_title: "Managed hosting services 2025-2027",
  audience: "CLIENT",
  client_name: "Northwind Traders",
  end_date: "2027-03-31",
} satisfies Props;
