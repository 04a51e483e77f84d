/** Suspending and reinstating a contract: a move of the contract alone, audited and announced. */
import { recordChange } from "../outbox/change";
import { contractMoveRefused, contractTransition } from "./lifecycle";
import { actorNow, Events } from "./events";
import { explainConflict, load, type Stored } from "./read";
import { ContractEntity } from "./entity";

async function move(contractId: string, move: "suspend" | "reinstate"): Promise<Stored> {
  const contract = await load(contractId);
  const result = contractTransition(contract.status, move);
  if (!result.ok) throw contractMoveRefused(contract, move);
  const now = new Date().toISOString();
  const after: Stored = { ...contract, status: result.to, version: contract.version + 1, updated_at: now };
  const event = (move === "suspend" ? Events.Suspended : Events.Reinstated).build({
    contract: { contract_id: after.contract_id, title: after.title, status: after.status },
    actor: actorNow(),
  });
  await recordChange({
    trail: contract.contract_id,
    entity: "contract",
    entity_id: contract.contract_id,
    before: { status: contract.status, version: contract.version },
    after: { status: after.status, version: after.version },
    at: now,
    entities: { contract: ContractEntity },
    writes: ({ contract: contracts }) => [
      contracts
        .put(after)
        .where(({ version }, { eq }) => eq(version, contract.version))
        .commit(),
    ],
    events: [event],
    explain: async () => {
      const again = await load(contractId);
      return contractTransition(again.status, move).ok ? explainConflict(contractId, contract.version) : contractMoveRefused(again, move);
    },
  });
  return after;
}

export const suspend = (contractId: string) => move(contractId, "suspend");
export const reinstate = (contractId: string) => move(contractId, "reinstate");
