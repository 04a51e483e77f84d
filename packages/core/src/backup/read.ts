import { promisify } from "node:util";
import { gunzip as gunzipCallback } from "node:zlib";
import { DomainError } from "../error";
import { forEachLimit } from "../pool";
import { backupsBucket, getObject } from "./bucket";
import { listExports, readManifest } from "./export";
import { corrupt, decodeLine, type RawItem } from "./line";
import { isExportId, ItemDigest, overallChecksum, sha256, type Manifest, type Part } from "./manifest";

const gunzip = promisify(gunzipCallback);

/** The manifest of a complete export: `latest` or an export id. Its own checksum is checked. */
export async function openExport(ref: string, bucket = backupsBucket()): Promise<Manifest> {
  const id = ref === "latest" ? (await listExports(bucket)).find((e) => e.complete)?.export_id : ref;
  if (!id) throw new DomainError("backup.not_found", "There is no complete export in the backups bucket yet.");
  if (!isExportId(id)) throw new DomainError("backup.not_found", `"${ref}" is not an export id (e.g. 2026-11-24T031500123Z-k3x9) or "latest".`);
  const manifest = await readManifest(bucket, id).catch((error: Error) => {
    throw corrupt(`its manifest cannot be read (${error.message}).`, "manifest.json");
  });
  if (!manifest) throw new DomainError("backup.not_found", `Export ${id} does not exist or never completed (it has no manifest).`);
  if (overallChecksum(manifest.parts) !== manifest.sha256) throw corrupt("the manifest's overall checksum does not match its parts.", "manifest.json");
  return manifest;
}

/**
 * Reads every part of an export, checking each part's size and SHA-256, that
 * it is a complete gzip stream, that every line is an item, and that counts
 * and digests match the manifest. `visitPart` sees a part's items only after
 * that whole part checked out; callers that must not write anything from a
 * corrupt export run this once to verify before they write.
 */
export async function readExport(
  manifest: Manifest,
  visitPart: (items: RawItem[]) => void | Promise<void> = () => {},
  bucket = backupsBucket(),
): Promise<void> {
  let total = 0;
  await forEachLimit(manifest.parts, 4, async (part) => {
    const items = await readPart(bucket, part);
    total += items.length;
    await visitPart(items);
  });
  if (total !== manifest.item_count) throw corrupt(`it holds ${total} items, its manifest says ${manifest.item_count}.`, "manifest.json");
}

async function readPart(bucket: string, part: Part): Promise<RawItem[]> {
  const name = part.key.slice(part.key.lastIndexOf("/") + 1);
  const body = await getObject(bucket, part.key);
  if (!body) throw corrupt(`part ${name} is missing.`, name);
  if (body.length !== part.bytes || sha256(body) !== part.sha256) {
    throw corrupt(`part ${name} does not match its checksum (${body.length} bytes, manifest says ${part.bytes}).`, name);
  }
  let text: string;
  try {
    text = (await gunzip(body)).toString("utf8");
  } catch {
    throw corrupt(`part ${name} is not a complete gzip stream (truncated?).`, name);
  }
  const lines = text.split("\n");
  if (lines.pop() !== "") throw corrupt(`part ${name} ends in the middle of a line.`, name);
  if (lines.length !== part.items) throw corrupt(`part ${name} has ${lines.length} lines, its manifest says ${part.items}.`, name);
  const digest = new ItemDigest();
  const items = lines.map((line, i) => {
    digest.add(line + "\n");
    return decodeLine(line, `line ${i + 1} of part ${name}`);
  });
  if (digest.hex() !== part.items_sha256) throw corrupt(`the items of part ${name} do not match their digest.`, name);
  return items;
}
