/**
 * Everything that talks to S3, and its one client. The SDK's S3 client loads
 * on the first call, the presigner on the first signed URL: importing this
 * module costs a cold start nothing (the processor touches S3 only for a
 * termination's backup, the API only on file routes).
 */
import type { Readable } from "node:stream";
import { onFirstUse } from "./lazy";

/** The SDK's S3 module: its commands and errors. */
export const s3Sdk = onFirstUse(() => import("@aws-sdk/client-s3"));

// s3rver (local) serves buckets only by path; the endpoint variable is how the SDK finds it.
export const s3 = onFirstUse(async () => new (await s3Sdk()).S3Client({ forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3), maxAttempts: 3 }));

export interface Location {
  bucket: string;
  key: string;
}

export interface SignedRequest {
  method: "PUT" | "GET";
  url: string;
  /** Headers the caller must send exactly as given: they are part of the signature. */
  headers: Record<string, string>;
  expires_at: string;
}

// Only the file routes sign URLs; the processor and the database manager never load the presigner.
const presigner = onFirstUse(() => import("@aws-sdk/s3-request-presigner"));

const expiry = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();

/**
 * A PUT that S3 accepts only for this key, with this type, this exact length
 * and a body whose SHA-256 is the declared one, and only while nothing is at
 * the key (`If-None-Match: *`): all five are signed, so the URL can create the
 * object once and never replace it, not even with the same bytes.
 */
export async function presignUpload(
  at: Location,
  object: { contentType: string; size: number; sha256Base64: string },
  expiresIn: number,
): Promise<SignedRequest> {
  const { PutObjectCommand } = await s3Sdk();
  const command = new PutObjectCommand({
    Bucket: at.bucket,
    Key: at.key,
    ContentType: object.contentType,
    ContentLength: object.size,
    ChecksumSHA256: object.sha256Base64,
    IfNoneMatch: "*",
  });
  const { getSignedUrl } = await presigner();
  const url = await getSignedUrl(await s3(), command, {
    expiresIn,
    signableHeaders: new Set(["content-type", "content-length", "x-amz-checksum-sha256", "if-none-match"]),
    // Kept as a header (not hoisted into the query) so S3 checks the body against it.
    unhoistableHeaders: new Set(["x-amz-checksum-sha256"]),
  });
  return {
    method: "PUT",
    url,
    headers: {
      "content-type": object.contentType,
      "content-length": String(object.size),
      "x-amz-checksum-sha256": object.sha256Base64,
      "if-none-match": "*",
    },
    expires_at: expiry(expiresIn),
  };
}

export async function presignDownload(at: Location, response: { contentType: string; contentDisposition: string }, expiresIn: number): Promise<SignedRequest> {
  const { GetObjectCommand } = await s3Sdk();
  const command = new GetObjectCommand({
    Bucket: at.bucket,
    Key: at.key,
    ResponseContentType: response.contentType,
    ResponseContentDisposition: response.contentDisposition,
  });
  const { getSignedUrl } = await presigner();
  return { method: "GET", url: await getSignedUrl(await s3(), command, { expiresIn }), headers: {}, expires_at: expiry(expiresIn) };
}

const isMissing = (error: unknown) => error instanceof Error && (error.name === "NoSuchKey" || error.name === "NotFound");

/** The object's size, or null if there is none. */
export async function sizeOf(at: Location): Promise<number | null> {
  const { HeadObjectCommand } = await s3Sdk();
  try {
    const head = await (await s3()).send(new HeadObjectCommand({ Bucket: at.bucket, Key: at.key }));
    return head.ContentLength ?? 0;
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
}

/** The whole object, or null if there is none; refuses to buffer more than `maxBytes`. */
export async function read(at: Location, maxBytes: number): Promise<{ bytes: Buffer } | { tooLarge: number } | null> {
  const { GetObjectCommand } = await s3Sdk();
  try {
    const object = await (await s3()).send(new GetObjectCommand({ Bucket: at.bucket, Key: at.key }));
    const length = object.ContentLength ?? 0;
    if (length > maxBytes) {
      (object.Body as { destroy?: () => void } | undefined)?.destroy?.();
      return { tooLarge: length };
    }
    return { bytes: Buffer.from((await object.Body?.transformToByteArray()) ?? []) };
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
}

/** The object's bytes as a Node stream (nothing buffered), or null if there is none. */
export async function stream(at: Location): Promise<Readable | null> {
  const { GetObjectCommand } = await s3Sdk();
  try {
    const object = await (await s3()).send(new GetObjectCommand({ Bucket: at.bucket, Key: at.key }));
    // In Node the SDK's body is an IncomingMessage, a Readable.
    return object.Body as Readable;
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
}

export async function write(at: Location, body: Uint8Array, contentType: string): Promise<void> {
  const { PutObjectCommand } = await s3Sdk();
  await (await s3()).send(new PutObjectCommand({ Bucket: at.bucket, Key: at.key, Body: body, ContentType: contentType, ContentLength: body.length }));
}

/** A body of known length read from a stream (a file), never held whole in memory. */
export async function writeStream(at: Location, body: Readable, length: number, contentType: string): Promise<void> {
  const { PutObjectCommand } = await s3Sdk();
  await (await s3()).send(new PutObjectCommand({ Bucket: at.bucket, Key: at.key, Body: body, ContentType: contentType, ContentLength: length }));
}

/** Server-side copy; copying the same object again is harmless, so callers may retry. */
export async function copy(from: Location, to: Location): Promise<void> {
  const { CopyObjectCommand } = await s3Sdk();
  await (await s3()).send(
    new CopyObjectCommand({
      Bucket: to.bucket,
      Key: to.key,
      CopySource: `${from.bucket}/${from.key.split("/").map(encodeURIComponent).join("/")}`,
    }),
  );
}

/** Deleting an object that is already gone succeeds, as in S3. */
export async function remove(at: Location): Promise<void> {
  const { DeleteObjectCommand } = await s3Sdk();
  await (await s3()).send(new DeleteObjectCommand({ Bucket: at.bucket, Key: at.key }));
}
