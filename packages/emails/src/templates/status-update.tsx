import type { TemplateProps } from "@testex/core/notification/templates";
import { Facts, Layout, longDate, Paragraph } from "../layout";

type Props = TemplateProps<"status-update">;

const WORDING: Record<string, string> = {
  ACTIVE: "is active again",
  SUSPENDED: "has been suspended",
  PENDING_TERMINATION: "is pending termination",
  TERMINATED: "has been terminated",
};
const wording = (status: string) => WORDING[status] ?? `is now ${status}`;

export const subject = (p: Props) => `${p.contract_title} (${p.contract_id}) ${wording(p.status)}`;

/** A contract changed status: suspended, reinstated, terminated. */
export function StatusUpdate(p: Props) {
  return (
    <Layout preview={subject(p)} heading={`Contract ${wording(p.status)}`} reference={p.contract_id}>
      <Paragraph>
        The contract "{p.contract_title}" ({p.contract_id}) {wording(p.status)}
        {p.effective_date ? ` with effect from ${longDate(p.effective_date)}` : ""}.
      </Paragraph>
      <Facts
        rows={[
          ["Contract", `${p.contract_title} (${p.contract_id})`],
          ["New status", p.status],
          ["Effective date", p.effective_date && longDate(p.effective_date)],
          ["Changed by", p.changed_by],
        ]}
      />
    </Layout>
  );
}

StatusUpdate.PreviewProps = {
  contract_id: "CT7K2M4Q7ZP1X9",
  contract_title: "Managed hosting services 2025-2027",
  status: "SUSPENDED",
  effective_date: "2026-12-01",
  changed_by: "maria.lopez@testex.com",
} satisfies Props;
