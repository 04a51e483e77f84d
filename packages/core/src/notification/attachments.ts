import { FileEntity } from "../file/entity";
import { inFiles } from "../file/objects";
import type { Stored } from "./record";
import type { Attachment } from "./ses";

/** SES accepts messages up to 40 MB; a notice carries a letter, not an archive. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/**
 * The files a notice carries, read from the files bucket as it is sent. A
 * file that is not there (yet) fails the attempt, which is retried: the
 * letter is stored before its notice is queued, so this only covers a race.
 */
export async function attachmentsOf(notice: Stored): Promise<Attachment[]> {
  if (!notice.attachments?.length || !notice.contract_id) return [];
  const contractId = notice.contract_id;
  const { read } = await import("../object-store");
  return Promise.all(
    notice.attachments.map(async (fileId) => {
      const { data: file } = await FileEntity.get({ contract_id: contractId, file_id: fileId }).go({ consistent: true });
      if (!file || file.status !== "AVAILABLE") throw new Error(`Attachment ${fileId} is not available`);
      const object = await read(inFiles(file), MAX_ATTACHMENT_BYTES);
      if (!object || !("bytes" in object)) throw new Error(`Attachment ${fileId} cannot be read`);
      return { filename: file.filename, contentType: file.content_type, bytes: object.bytes };
    }),
  );
}
