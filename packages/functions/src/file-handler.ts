import { Resource } from "sst";
import { File, log, systemActor, withContext, withLogFields } from "@testex/core";

/** The part of an S3 event notification this handler reads (the same shape locally and in AWS). */
export interface S3EventRecord {
  eventName: string;
  s3: { bucket: { name: string }; object: { key: string; size?: number } };
  responseElements?: { "x-amz-request-id"?: string };
}
export interface S3Event {
  Records: S3EventRecord[];
}

// Keys arrive URL-encoded, with spaces as "+".
const decodeKey = (key: string) => decodeURIComponent(key.replace(/\+/g, " "));

/**
 * The File Handler: every object created in the files bucket is checked
 * against what its upload declared and becomes AVAILABLE or REJECTED. A
 * failure throws, so the event is retried; verifying twice is harmless.
 */
export const handler = async (event: S3Event): Promise<void> => {
  for (const record of event.Records ?? []) {
    if (!record.eventName?.startsWith("ObjectCreated:") || record.s3?.bucket?.name !== Resource.Files.name) continue;
    const key = decodeKey(record.s3.object.key);
    const requestId = record.responseElements?.["x-amz-request-id"] ?? crypto.randomUUID();
    await withContext({ actor: systemActor("file-handler"), requestId }, () =>
      withLogFields({ request_id: requestId, key }, async () => {
        const verdict = await File.verify(key);
        log.info("object checked", { verdict });
      }),
    );
  }
};
