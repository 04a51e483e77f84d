import * as Audit from "../audit";
import { ContractEntity } from "./entity";
import { writeTransaction } from "../db/transaction";
import { DomainError } from "../error";
import { RUNNING_STATUSES } from "./entity";
import { withTerm, type Stored } from "./index";
import { AuditEntity } from "../audit/entity";

/**
 * Running contracts written before the term model have no stored `renewal`
 * or `notice_deadline`, so the notice-deadline index does not hold them until
 * their next write. This writes them now, once: each with its derived term
 * (NONE, as it always behaved), its version unchanged, conditioned on nobody
 * having written it meanwhile, and audited. Running it again finds nothing to do.
 */
export async function backfillTerms(): Promise<{ filled: number }> {
  let filled = 0;
  for (const status of RUNNING_STATUSES as ("ACTIVE" | "SUSPENDED")[]) {
    const { data } = await ContractEntity.query
      .byStatus({ status })
      .where(({ notice_deadline }, { notExists }) => notExists(notice_deadline))
      .go({ pages: "all" });
    for (const contract of data) if (await fill(contract)) filled++;
  }
  return { filled };
}

async function fill(contract: Stored): Promise<boolean> {
  const after = withTerm(contract);
  try {
    await writeTransaction(
      { contract: ContractEntity, audit: AuditEntity },
      ({ contract: contracts, audit }) => [
        contracts
          .put(after)
          .where(({ version, notice_deadline }, { eq, notExists }) => `${eq(version, contract.version)} AND ${notExists(notice_deadline)}`)
          .commit(),
        audit
          .put(
            Audit.record({
              trail: contract.contract_id,
              entity: "contract",
              entity_id: contract.contract_id,
              action: "contract.term_filled",
              after: { renewal: after.renewal, notice_deadline: after.notice_deadline },
            }),
          )
          .commit(),
      ],
      () => new DomainError("contract.changed", "Written meanwhile: it has its term already."),
    );
    return true;
  } catch (error) {
    if (error instanceof DomainError && error.code === "contract.changed") return false;
    throw error;
  }
}
