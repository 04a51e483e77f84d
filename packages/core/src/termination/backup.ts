import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { Resource } from "sst";

/** Locally S3 is a stand-in that only understands path-style addresses. */
export const backupS3 = new S3Client({ forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3), maxAttempts: 3 });

export const backupKey = (contractId: string, version: number) => `contracts/${contractId}/${version}.json`;

/**
 * Writes the contract's last state before termination, with its termination,
 * to the backups bucket. The key is fixed by contract and version, so writing
 * it again replaces it with the same bytes: idempotent.
 */
export async function writeBackup(contract: { contract_id: string; version: number }, termination: unknown, backedUpBy: string): Promise<string> {
  const key = backupKey(contract.contract_id, contract.version);
  await backupS3.send(
    new PutObjectCommand({
      Bucket: Resource.Backups.name,
      Key: key,
      ContentType: "application/json",
      Body: JSON.stringify({ contract, termination, event_id: backedUpBy }, null, 2),
    }),
  );
  return key;
}
