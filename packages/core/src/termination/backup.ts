import { Resource } from "sst";
import { write } from "../object-store";

export const backupKey = (contractId: string, version: number) => `contracts/${contractId}/${version}.json`;

/**
 * Writes the contract's last state before termination, with its termination,
 * to the backups bucket. The key is fixed by contract and version, so writing
 * it again replaces it with the same bytes: idempotent.
 */
export async function writeBackup(contract: { contract_id: string; version: number }, termination: unknown, backedUpBy: string): Promise<string> {
  const key = backupKey(contract.contract_id, contract.version);
  const body = Buffer.from(JSON.stringify({ contract, termination, event_id: backedUpBy }, null, 2));
  await write({ bucket: Resource.Backups.name, key }, body, "application/json");
  return key;
}
