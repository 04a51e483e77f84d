import type { TemplateProps } from "@testex/core/notification/templates";
import { Facts, Layout, Paragraph } from "../layout";

type Props = TemplateProps<"system-alert">;

const TITLES: Record<Props["kind"], string> = {
  NOTIFICATION_DEAD: "A notice could not be delivered",
  BACKUP_FAILED: "A backup failed",
};

export const subject = (p: Props) => `[TESTEX alert] ${TITLES[p.kind]}: ${p.subject_id}`;

/** To operators: something needs a person (a dead-lettered notice, a failed backup). */
export function SystemAlert(p: Props) {
  return (
    <Layout preview={p.summary} heading={TITLES[p.kind]} reference={p.contract_id}>
      <Paragraph>{p.summary}</Paragraph>
      <Facts
        rows={[
          ["Kind", p.kind],
          ["About", p.subject_id],
          ["Contract", p.contract_id],
          ["Error", p.error_code],
          ["When", p.occurred_at],
          ["What to do", p.action],
        ]}
      />
    </Layout>
  );
}

SystemAlert.PreviewProps = {
  kind: "NOTIFICATION_DEAD",
  summary: "The termination-notice notice NT4Q7ZP1X9K2 failed 5 times and was dead-lettered.",
  subject_id: "NT4Q7ZP1X9K2",
  contract_id: "CT7K2M4Q7ZP1X9",
  error_code: "MessageRejected",
  occurred_at: "2026-11-24T09:30:00.000Z",
  action: "Check the recipient address, then replay it: POST /api/admin/notifications/NT4Q7ZP1X9K2/retry",
} satisfies Props;
