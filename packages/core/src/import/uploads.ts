/**
 * Where spreadsheets uploaded for an import wait, in the documents bucket,
 * until a job reads them; the bucket's lifecycle rule (infra) removes them
 * after a week. Plain data: infra reads it too.
 */
export const IMPORTS_PREFIX = "imports/";
export const importKey = (uploadId: string) => `${IMPORTS_PREFIX}${uploadId}`;
export const IMPORT_RETENTION_DAYS = 7;
