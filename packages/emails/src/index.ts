import { render as renderHtml, toPlainText } from "@react-email/render";
import type { TemplateName, TemplateProps } from "@testex/core/notification/templates";
import { createElement, type FunctionComponent } from "react";
import { oneLine } from "./plain-text";
import * as approvalRequest from "./templates/approval-request";
import * as contractExpired from "./templates/contract-expired";
import * as contractRenewed from "./templates/contract-renewed";
import * as endDateReminder from "./templates/end-date-reminder";
import * as statusUpdate from "./templates/status-update";
import * as systemAlert from "./templates/system-alert";
import * as terminationDecision from "./templates/termination-decision";
import * as terminationConfirmation from "./templates/termination-confirmation";
import * as terminationNotice from "./templates/termination-notice";
import * as terminationWithdrawn from "./templates/termination-withdrawn";

export interface Template<P> {
  component: FunctionComponent<P> & { PreviewProps: P };
  subject: (props: P) => string;
}

/** Every notice, by the name enqueue and the API use. */
export const templates: { [T in TemplateName]: Template<TemplateProps<T>> } = {
  "termination-notice": { component: terminationNotice.TerminationNotice, subject: terminationNotice.subject },
  "termination-confirmation": { component: terminationConfirmation.TerminationConfirmation, subject: terminationConfirmation.subject },
  "termination-withdrawn": { component: terminationWithdrawn.TerminationWithdrawn, subject: terminationWithdrawn.subject },
  "status-update": { component: statusUpdate.StatusUpdate, subject: statusUpdate.subject },
  "approval-request": { component: approvalRequest.ApprovalRequest, subject: approvalRequest.subject },
  "termination-decision": { component: terminationDecision.TerminationDecision, subject: terminationDecision.subject },
  "end-date-reminder": { component: endDateReminder.EndDateReminder, subject: endDateReminder.subject },
  "contract-renewed": { component: contractRenewed.ContractRenewed, subject: contractRenewed.subject },
  "contract-expired": { component: contractExpired.ContractExpired, subject: contractExpired.subject },
  "system-alert": { component: systemAlert.SystemAlert, subject: systemAlert.subject },
};

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** The subject (one line, whatever the props hold), HTML and plain-text parts of one notice. Props are validated before they get here. */
export async function render<T extends TemplateName>(template: T, props: TemplateProps<T>): Promise<RenderedEmail> {
  const { component, subject } = templates[template] as Template<TemplateProps<T>>;
  const html = await renderHtml(createElement(component, props));
  return { subject: oneLine(subject(props)), html, text: toPlainText(html) };
}
