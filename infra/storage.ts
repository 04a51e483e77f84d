import { EXPORTS_PREFIX } from "../packages/core/src/backup/manifest";
import { DOWNLOADS_PREFIX, DOWNLOAD_RETENTION_DAYS, IMPORTS_PREFIX, IMPORT_RETENTION_DAYS } from "../packages/core/src/file/layout";
import { TABLE_KEYS, type Projection } from "../packages/core/src/db/table";
import { corsOrigins } from "./router";
import { config } from "./settings";

const { primary, globalIndexes, ttlAttribute } = TABLE_KEYS;
const keyNames = [primary, ...Object.values(globalIndexes)].flatMap((index) => [index.hashKey, index.rangeKey]);

const projection = (declared: Projection) => (declared === "ALL" ? "all" : declared === "KEYS_ONLY" ? "keys-only" : [...declared]);

/**
 * The single table. Keys and indexes come from the same declaration the
 * entities are checked against, so they cannot drift apart. The stream feeds
 * the contract processor; point-in-time recovery (SST's default) is also what
 * the daily export to the backups bucket reads from.
 */
export const table = new sst.aws.Dynamo("Table", {
  fields: Object.fromEntries(keyNames.map((key) => [key, "string" as const])),
  primaryIndex: { hashKey: primary.hashKey, rangeKey: primary.rangeKey },
  globalIndexes: Object.fromEntries(
    Object.entries(globalIndexes).map(([name, keys]) => [name, { hashKey: keys.hashKey, rangeKey: keys.rangeKey, projection: projection(keys.projection) }]),
  ),
  stream: "new-and-old-images",
  ttl: ttlAttribute,
  deletionProtection: config.protect,
});

type Rule = aws.types.input.s3.BucketLifecycleConfigurationRule;

/** Multipart uploads that never completed cost storage and are never visible. */
export const abandonedUploads: Rule = {
  id: "abandoned-multipart-uploads",
  status: "Enabled",
  filter: {},
  abortIncompleteMultipartUpload: { daysAfterInitiation: 1 },
};

function bucket(name: string, args: { cors?: sst.aws.BucketArgs["cors"]; versioning?: boolean; rules: Rule[] }) {
  const created = new sst.aws.Bucket(name, { cors: args.cors ?? false, versioning: args.versioning });
  harden(name, created.name, args.rules);
  return created;
}

/** Every bucket is encrypted by default and follows its lifecycle rules, including buckets a component creates. */
export function harden(name: string, bucketName: $util.Input<string>, rules: Rule[]) {
  new aws.s3.BucketServerSideEncryptionConfiguration(`${name}Encryption`, {
    bucket: bucketName,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, bucketKeyEnabled: true }],
  });
  new aws.s3.BucketLifecycleConfiguration(`${name}Lifecycle`, { bucket: bucketName, rules });
}

/**
 * Contract documents, uploaded by browsers with presigned URLs (and, under
 * `imports/`, spreadsheets uploaded for an import; under `downloads/`, exports
 * too large for a reply). Versioned: an
 * upload URL cannot replace an object (`If-None-Match: *` is signed into it),
 * and whatever else writes to a verified document's key leaves the verified
 * version behind, restorable for 90 days.
 */
export const files = bucket("Files", {
  versioning: true,
  cors: {
    allowOrigins: corsOrigins,
    allowMethods: ["GET", "PUT", "POST", "HEAD"],
    allowHeaders: ["*"],
    exposeHeaders: ["ETag"],
    maxAge: "1 hour",
  },
  rules: [
    abandonedUploads,
    { id: "replaced-versions", status: "Enabled", filter: {}, noncurrentVersionExpiration: { noncurrentDays: 90 } },
    // Spreadsheets for imports, read by their import jobs and not kept beyond (their noncurrent versions go by the rule above).
    { id: "import-uploads-expire", status: "Enabled", filter: { prefix: IMPORTS_PREFIX }, expiration: { days: IMPORT_RETENTION_DAYS } },
    // Exports too large for a reply, offered as a short-lived link.
    { id: "export-downloads-expire", status: "Enabled", filter: { prefix: DOWNLOADS_PREFIX }, expiration: { days: DOWNLOAD_RETENTION_DAYS } },
  ],
});

/** Documents of terminated contracts: rarely read, kept for years. */
export const archives = bucket("Archives", {
  rules: [
    abandonedUploads,
    {
      id: "archive-to-glacier",
      status: "Enabled",
      filter: {},
      transitions: [
        { days: 30, storageClass: "STANDARD_IA" },
        { days: 180, storageClass: "GLACIER_IR" },
      ],
    },
  ],
});

/**
 * How long a nightly export is kept. Point-in-time recovery restores any
 * second of the last 35 days; exports add what it cannot: a copy outside the
 * table (which survives its deletion), for three months in production. The
 * bucket is versioned: an expired export becomes a noncurrent version, removed
 * by the rule below it.
 */
export const EXPORT_RETENTION_DAYS = config.protect ? 90 : 14;

/** Table exports and pre-change copies of records; versioned so a backup cannot be silently overwritten. */
export const backups = bucket("Backups", {
  versioning: true,
  rules: [
    abandonedUploads,
    {
      id: "backups-to-glacier",
      status: "Enabled",
      filter: {},
      transitions: [{ days: 30, storageClass: "GLACIER_IR" }],
      noncurrentVersionExpiration: { noncurrentDays: 90 },
    },
    {
      id: "exports-expire",
      status: "Enabled",
      filter: { prefix: EXPORTS_PREFIX },
      expiration: { days: EXPORT_RETENTION_DAYS },
    },
  ],
});

export const outputs = {
  table: table.name,
  files: files.name,
  archives: archives.name,
  backups: backups.name,
};
