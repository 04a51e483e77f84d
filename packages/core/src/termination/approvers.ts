/**
 * Who is asked to decide a termination: each person the stage's identity
 * names as an approver (never the requester), each with their own notice and
 * link; the group mailbox only when nobody can be named, because the
 * directory lists nobody or cannot be read.
 */
import { settings, type NamedApprover } from "../config";
import { approverDirectory, type ApproverDirectory } from "../directory";
import { describeError, log } from "../log";
import type { LetterPreview } from "../notification/enqueue";

export async function approversOf(
  termination: { requested_by?: string; requested_by_email?: string },
  directory: Promise<ApproverDirectory> = approverDirectory(),
): Promise<NamedApprover[]> {
  const requesterEmail = termination.requested_by_email?.toLowerCase();
  const fallback = () => settings().approverEmails.map((email) => ({ email }));
  let listed: NamedApprover[];
  try {
    listed = await (await directory).approvers();
  } catch (error) {
    log.warn("approver directory unreachable; asking the group address instead", describeError(error));
    return fallback();
  }
  const named = listed.filter((approver) => approver.id !== termination.requested_by && approver.email.toLowerCase() !== requesterEmail);
  if (named.length > 0) return named;
  log.warn("approver directory names nobody who may decide; asking the group address instead", { listed: listed.length });
  return fallback();
}

/** The approval request's props for one approver: greeted by name where the identity gives one. */
export const forApprover = <P extends Record<string, unknown>>(props: P, approver: NamedApprover) =>
  approver.name ? { ...props, approver_name: approver.name } : props;

/** The letter an approver's request carries: as they would preview it, their own approval included. */
export const letterPreviewFor = (approver: NamedApprover): LetterPreview => ({
  ...(approver.id ? { reader_id: approver.id } : {}),
  ...(approver.name ? { reader_name: approver.name } : {}),
});
