/**
 * What else lives in the documents bucket besides documents, and for how
 * long: spreadsheets uploaded for an import wait under `imports/` until a job
 * reads them, exports too large for a reply wait under `downloads/` behind a
 * short-lived link. The bucket's lifecycle rules (infra) remove them; the
 * file handler leaves them alone. Plain data: infra reads it too.
 */
export const IMPORTS_PREFIX = "imports/";
export const IMPORT_RETENTION_DAYS = 7;
export const importKey = (uploadId: string) => `${IMPORTS_PREFIX}${uploadId}`;

export const DOWNLOADS_PREFIX = "downloads/";
export const DOWNLOAD_RETENTION_DAYS = 1;
/** How long the link answered for an export stays valid. */
export const DOWNLOAD_LINK_SECONDS = 300;
