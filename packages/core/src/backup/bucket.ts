import { Resource } from "sst";
import { s3, s3Sdk } from "../object-store";

export const backupsBucket = (): string => Resource.Backups.name;

export async function putObject(bucket: string, key: string, body: Buffer | string, contentType: string): Promise<void> {
  const { PutObjectCommand } = await s3Sdk();
  await (await s3()).send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }));
}

/** The object's bytes, or null when there is no such key. */
export async function getObject(bucket: string, key: string): Promise<Buffer | null> {
  const { GetObjectCommand } = await s3Sdk();
  try {
    const reply = await (await s3()).send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return Buffer.from(await reply.Body!.transformToByteArray());
  } catch (error) {
    if ((error as { name?: string }).name === "NoSuchKey") return null;
    throw error;
  }
}

export async function deleteObject(bucket: string, key: string): Promise<void> {
  const { DeleteObjectCommand } = await s3Sdk();
  await (await s3()).send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
}

/** Every key under `prefix`. */
export async function listKeys(bucket: string, prefix: string): Promise<string[]> {
  const [{ ListObjectsV2Command }, client] = await Promise.all([s3Sdk(), s3()]);
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    keys.push(...(page.Contents ?? []).map((o) => o.Key!));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys;
}

/**
 * The "folders" directly under `prefix` (`prefix/a/`, `prefix/b/`), one request
 * each: after the first key of a folder, the listing skips past the whole
 * folder. (Delimiter listings would do, but s3rver answers them only for
 * folders that hold objects directly.)
 */
export async function listFolders(bucket: string, prefix: string): Promise<string[]> {
  const [{ ListObjectsV2Command }, client] = await Promise.all([s3Sdk(), s3()]);
  const folders: string[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, StartAfter: after, MaxKeys: 1 }));
    const key = page.Contents?.[0]?.Key;
    const name = key?.slice(prefix.length).split("/")[0];
    if (!key || !name || !key.slice(prefix.length).includes("/")) return folders;
    folders.push(`${prefix}${name}/`);
    // "~" sorts after every character an id or date uses.
    after = `${prefix}${name}/~`;
  }
}
