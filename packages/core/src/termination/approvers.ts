/**
 * Who is asked to decide a termination: each person the stage's identity
 * names as an approver (never the requester), each with their own notice and
 * link; the group mailbox only when nobody can be named.
 */
import { settings, type NamedApprover } from "../config";

export function approversOf(termination: { requested_by?: string; requested_by_email?: string }): NamedApprover[] {
  const requesterEmail = termination.requested_by_email?.toLowerCase();
  const named = (settings().approvers ?? []).filter(
    (approver) => approver.id !== termination.requested_by && approver.email.toLowerCase() !== requesterEmail,
  );
  return named.length > 0 ? named : settings().approverEmails.map((email) => ({ email }));
}

/** The approval request's props for one approver: greeted by name where the identity gives one. */
export const forApprover = <P extends Record<string, unknown>>(props: P, approver: NamedApprover) =>
  approver.name ? { ...props, approver_name: approver.name } : props;
