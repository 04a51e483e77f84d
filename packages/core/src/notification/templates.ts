import * as v from "valibot";
import { ContractId, Email, IsoDate, Text } from "../schema";

/**
 * The props each notice template accepts. The one definition: enqueue and the
 * API validate against it, and packages/emails types its components from it.
 */
const Title = Text(200);
const Person = Text(254);
const Note = v.optional(Text(2000));
const Url = v.pipe(v.string(), v.maxLength(2048), v.url("Not a URL"), v.regex(/^https?:\/\//, "Expected an http(s) URL"));

const NoticeBasis = v.picklist(["NOTICE_PERIOD", "SHORT_NOTICE"]);
const Days = v.pipe(v.number(), v.integer(), v.minValue(0));

/** To the client, when the termination's date is fixed. No internal notes: `client_message` is what the client reads. */
export const TerminationNoticeProps = v.strictObject({
  contract_id: ContractId,
  contract_title: Title,
  client_name: Person,
  /** The reason as words (its catalogue label), never a code. */
  reason: Text(500),
  effective_date: IsoDate,
  notice_basis: v.optional(NoticeBasis),
  notice_period_days: v.optional(Days),
  client_message: Note,
});

/** To the client who was given notice, when the termination is withdrawn: the contract continues. */
export const TerminationWithdrawnProps = v.strictObject({
  contract_id: ContractId,
  contract_title: Title,
  client_name: Person,
  /** The date the withdrawn notice had named. */
  effective_date: IsoDate,
});

/** To the client, on the effective date: the contract has ended. */
export const TerminationConfirmationProps = v.strictObject({
  contract_id: ContractId,
  contract_title: Title,
  client_name: Person,
  reason: Text(500),
  effective_date: IsoDate,
});

export const StatusUpdateProps = v.strictObject({
  contract_id: ContractId,
  contract_title: Title,
  /** The contract's new status, e.g. SUSPENDED, ACTIVE (reinstated), TERMINATED. */
  status: Text(40),
  effective_date: v.optional(IsoDate),
  changed_by: Person,
});

export const ApprovalRequestProps = v.strictObject({
  contract_id: ContractId,
  contract_title: Title,
  requested_by: Person,
  reason: Text(500),
  value: v.pipe(v.number(), v.finite(), v.minValue(0)),
  currency: v.pipe(v.string(), v.regex(/^[A-Z]{3}$/, "Expected an ISO 4217 code such as EUR")),
  effective_date: IsoDate,
  /** The request's page in the console, where the approver signs in and decides. */
  review_url: Url,
  /** Set on a reminder: how many days the request has waited. */
  waiting_days: v.optional(Days),
  /** The approver the notice is addressed to, when the stage's identity names them. */
  approver_name: v.optional(Person),
  /** What the notice and the letter will say to the client, if the requester wrote anything. */
  client_message: v.optional(Text(2000)),
  notice_basis: v.optional(NoticeBasis),
  notice_period_days: v.optional(Days),
  /** How many approvals the request needs, and who has given one. */
  approvals_required: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  approved_by: v.optional(v.array(Person)),
});

export const TerminationDecisionProps = v.strictObject({
  contract_id: ContractId,
  contract_title: Title,
  decision: v.picklist(["APPROVED", "REJECTED"]),
  decided_by: Person,
  comment: Note,
});

export const REMINDER_KINDS = ["END_DATE", "NOTICE_DEADLINE"] as const;
const Renewal = v.picklist(["NONE", "AUTO", "EVERGREEN"]);
const Months = v.pipe(v.number(), v.integer(), v.minValue(1));
/** Who a term notice is written for: the client (the other party) or the contract's owner here. */
const Audience = v.picklist(["CLIENT", "OWNER"]);

export const EndDateReminderProps = v.strictObject({
  contract_id: ContractId,
  contract_title: Title,
  /** END_DATE: the contract ends on `due_date`; NOTICE_DEADLINE: `due_date` is the last day notice can be given. */
  kind: v.picklist(REMINDER_KINDS),
  due_date: IsoDate,
  days_left: v.pipe(v.number(), v.integer(), v.minValue(0)),
  end_date: IsoDate,
  notice_period_days: Days,
  /** What happens if nobody acts: NONE expires, AUTO renews for `renewal_term_months`. Absent on older notices. */
  renewal: v.optional(Renewal),
  renewal_term_months: v.optional(Months),
  /** The contract's page in the console, where it is renewed or notice is given. */
  contract_url: v.optional(Url),
});

export const ContractRenewedProps = v.strictObject({
  contract_id: ContractId,
  contract_title: Title,
  audience: Audience,
  client_name: Person,
  previous_end_date: IsoDate,
  end_date: IsoDate,
  term_months: Months,
  notice_period_days: Days,
  /** The last day notice can be given on the new term. */
  notice_deadline: IsoDate,
  /** AUTO: the contract renewed by its own terms; MANUAL: someone renewed it. */
  how: v.picklist(["AUTO", "MANUAL"]),
});

export const ContractExpiredProps = v.strictObject({
  contract_id: ContractId,
  contract_title: Title,
  audience: Audience,
  client_name: Person,
  end_date: IsoDate,
});

export const ALERT_KINDS = ["NOTIFICATION_DEAD", "BACKUP_FAILED"] as const;

export const SystemAlertProps = v.strictObject({
  kind: v.picklist(ALERT_KINDS),
  /** One line saying what happened, without customer data. */
  summary: Text(300),
  /** What the alert is about: a notification id, a backup name. */
  subject_id: Text(200),
  contract_id: v.optional(ContractId),
  error_code: v.optional(Text(200)),
  occurred_at: v.pipe(v.string(), v.isoTimestamp("Expected an ISO timestamp")),
  /** What an operator can do about it. */
  action: v.optional(Text(500)),
});

export const TEMPLATE_PROPS = {
  "termination-notice": TerminationNoticeProps,
  "termination-confirmation": TerminationConfirmationProps,
  "termination-withdrawn": TerminationWithdrawnProps,
  "status-update": StatusUpdateProps,
  "approval-request": ApprovalRequestProps,
  "termination-decision": TerminationDecisionProps,
  "end-date-reminder": EndDateReminderProps,
  "contract-renewed": ContractRenewedProps,
  "contract-expired": ContractExpiredProps,
  "system-alert": SystemAlertProps,
} as const;

export type TemplateName = keyof typeof TEMPLATE_PROPS;
export const TEMPLATE_NAMES = Object.keys(TEMPLATE_PROPS) as TemplateName[];
export type TemplateProps<T extends TemplateName> = v.InferOutput<(typeof TEMPLATE_PROPS)[T]>;

/** 1 to 50 distinct addresses (SES allows 50 recipients per message). */
export const Recipients = v.pipe(
  v.array(Email),
  v.minLength(1, "Name at least one recipient"),
  v.maxLength(50, "At most 50 recipients"),
  v.check((to) => new Set(to).size === to.length, "Recipients must be distinct"),
);

const notice = <T extends TemplateName, P extends v.GenericSchema>(template: T, props: P) =>
  v.strictObject({ template: v.literal(template), to: Recipients, contract_id: v.optional(ContractId), props });

/** A notice: which template, to whom, about which contract, with that template's props. */
export const NoticeInput = v.variant("template", [
  notice("termination-notice", TerminationNoticeProps),
  notice("termination-confirmation", TerminationConfirmationProps),
  notice("termination-withdrawn", TerminationWithdrawnProps),
  notice("status-update", StatusUpdateProps),
  notice("approval-request", ApprovalRequestProps),
  notice("termination-decision", TerminationDecisionProps),
  notice("end-date-reminder", EndDateReminderProps),
  notice("contract-renewed", ContractRenewedProps),
  notice("contract-expired", ContractExpiredProps),
  notice("system-alert", SystemAlertProps),
]);
export type NoticeInput = v.InferInput<typeof NoticeInput>;

/**
 * A notice as the API takes it: without links. A link in a notice leads into
 * the stage's console and is made here from the stage's console URL (see
 * links.ts), never taken from a request: a notice from the stage's sender
 * must not carry anyone's login page.
 */
export const NoticeRequest = v.variant("template", [
  notice("termination-notice", TerminationNoticeProps),
  notice("termination-confirmation", TerminationConfirmationProps),
  notice("termination-withdrawn", TerminationWithdrawnProps),
  notice("status-update", StatusUpdateProps),
  notice("approval-request", v.omit(ApprovalRequestProps, ["review_url"])),
  notice("termination-decision", TerminationDecisionProps),
  notice("end-date-reminder", EndDateReminderProps),
  notice("contract-renewed", ContractRenewedProps),
  notice("contract-expired", ContractExpiredProps),
  notice("system-alert", SystemAlertProps),
]);
export type NoticeRequest = v.InferInput<typeof NoticeRequest>;
