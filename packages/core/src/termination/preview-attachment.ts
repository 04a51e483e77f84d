/**
 * The letter an approval request carries: the preview the console shows its
 * reader (./preview), rendered by the sent letter's renderer when the notice
 * is sent, so a reminder carries the approvals given since. Loaded by the
 * notifier only for a notice that asks for it.
 */
import { currentContext, withContext, type Actor } from "../context";
import { DomainError } from "../error";
import { log } from "../log";
import { MAX_ATTACHMENT_BYTES } from "../notification/attachments";
import type { Stored } from "../notification/record";
import type { Attachment } from "../notification/ses";
import { LETTER_PREVIEW_FILENAME, type LetterRenderer } from "./letter";
import { letterPreview } from "./preview";

export async function letterPreviewAttachments(notice: Stored, renderLetter: LetterRenderer): Promise<Attachment[]> {
  const contractId = notice.contract_id;
  if (!notice.letter_preview || !contractId) return [];
  const { reader_id, reader_name } = notice.letter_preview;
  // The approver it is addressed to, as the console would know them; the group address reads it as it stands.
  const reader: Actor = reader_id
    ? { id: reader_id, ...(reader_name ? { name: reader_name } : {}), email: notice.to[0], roles: ["approver"] }
    : { id: "system:notifier", roles: [] };
  let props;
  try {
    props = await withContext({ actor: reader, requestId: currentContext().requestId }, () => letterPreview(contractId));
  } catch (error) {
    // Decided or withdrawn since it was asked: the request goes without a letter that will never be sent as shown.
    if (!(error instanceof DomainError)) throw error;
    log.info("approval request sent without its letter preview", { code: error.code });
    return [];
  }
  const bytes = await renderLetter(props);
  if (bytes.length > MAX_ATTACHMENT_BYTES) {
    log.warn("letter preview too large to attach; the request links to it instead", { bytes: bytes.length });
    return [];
  }
  return [{ filename: LETTER_PREVIEW_FILENAME, contentType: "application/pdf", bytes }];
}
