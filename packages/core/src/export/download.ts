import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import type { Readable } from "node:stream";
import { Resource } from "sst";
import { newId } from "../id";
import * as s3 from "../object-store";
import { DOWNLOAD_LINK_SECONDS, DOWNLOADS_PREFIX } from "../file/layout";

/**
 * An export too large for a reply (a Lambda reply is at most 6 MB): written to
 * a scratch file as it is produced (memory holds a row, not the file), put in
 * the documents bucket, and offered as a short-lived GET under its name.
 */
export async function asDownload(filename: string, contentType: string, content: Readable): Promise<s3.SignedRequest> {
  const dir = await mkdtemp(join(tmpdir(), "testex-export-"));
  try {
    const path = join(dir, "export");
    await pipeline(content, createWriteStream(path));
    const at = { bucket: Resource.Files.name, key: `${DOWNLOADS_PREFIX}${newId("DL")}/${filename}` };
    await s3.writeStream(at, createReadStream(path), (await stat(path)).size, contentType);
    return await s3.presignDownload(at, { contentType, contentDisposition: `attachment; filename="${filename}"` }, DOWNLOAD_LINK_SECONDS);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
