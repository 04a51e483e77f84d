/**
 * Where exports delivered as links wait in the documents bucket, and how long:
 * the link lives minutes, the bucket's lifecycle rule (infra) removes the
 * object after a day. Plain data: infra reads it too.
 */
export const DOWNLOADS_PREFIX = "downloads/";
export const DOWNLOAD_RETENTION_DAYS = 1;
/** How long the link answered for an export stays valid. */
export const DOWNLOAD_LINK_SECONDS = 300;
