/** Reading one contract, and saying why a write on it failed: shared by the contract's operations and its moves. */
import type { EntityItem } from "electrodb";
import { DomainError } from "../error";
import { ContractId } from "../schema";
import { parse } from "../validation";
import { ContractEntity } from "./entity";
import { withTerm } from "./settle";

export type Stored = EntityItem<typeof ContractEntity>;

export const id = (raw: string) => parse(ContractId, raw);

export const notFound = (contractId: string) =>
  new DomainError("contract.not_found", `Contract ${contractId} does not exist.`, { contract_id: contractId });

export const versionConflict = (current: number) =>
  new DomainError("version.conflict", `The contract is at version ${current}; reload it and retry.`, { current_version: current });

/**
 * The contract as a write path sees it: strongly consistent, so a version
 * just written is never read stale (DynamoDB's default read may be, and a
 * fresh If-Match would then get a false 409). Plain reads (`get`) need not pay for it.
 * Its derived term is filled in (contracts written before the term model have none), ready to be written back.
 */
export async function load(contractId: string, options: { consistent: boolean } = { consistent: true }): Promise<Stored> {
  const { data } = await ContractEntity.get({ contract_id: id(contractId) }).go(options);
  if (!data) throw notFound(contractId);
  return withTerm(data);
}

/** Reads the contract again to say why a conditional write on it failed. */
export async function explainConflict(contractId: string, expectedVersion: number): Promise<DomainError> {
  const { data } = await ContractEntity.get({ contract_id: contractId }).go({ consistent: true });
  if (!data) return notFound(contractId);
  if (data.version !== expectedVersion) return versionConflict(data.version);
  return new DomainError("version.conflict", "The contract changed while this request ran; retry.");
}
