/**
 * What a contract's term does over time: renewals (by hand, or by the
 * scheduler for AUTO contracts) and expiry (NONE contracts past their end
 * date). Each change is one transaction: the contract (conditioned on the
 * version read), its audit entry and its outbox event.
 */
import * as v from "valibot";
import * as Client from "../client";
import { currentActor } from "../context";
import { ContractEntity } from "../contract/entity";
import { DomainError, ValidationError } from "../error";
import { describeError, log } from "../log";
import { recordChange } from "../outbox/change";
import { parse } from "../validation";
import { addMonths, today } from "../dates";
import { explainConflict, load, present, RUNNING_STATUSES, TermMonths, withTerm, type Contract, type Stored } from "../contract";
import { Events } from "../contract/events";
import { DEFAULT_RENEWAL, dueOn, noticeDeadline } from "../contract/term";

export const RenewInput = v.strictObject({
  term_months: v.pipe(v.optional(TermMonths), v.description("How long the new term runs; default: the contract's renewal_term_months (required when it has none, else 422). The new end date must not be already past (else 422).")),
});
export type RenewInput = v.InferInput<typeof RenewInput>;

/** Statuses a contract can be renewed from: running, or expired (renewing brings it back). */
const RENEWABLE: readonly string[] = [...RUNNING_STATUSES, "EXPIRED"];

async function clientOf(contract: Stored) {
  // A client erased meanwhile gets no notice; any other failure must fail the change, not drop the notice.
  return Client.get(contract.client_id).then(
    (client) => ({ name: client.name, email: client.email }),
    (error: unknown) => {
      if (error instanceof DomainError && error.code === "client.not_found") return null;
      throw error;
    },
  );
}

async function common(contract: Stored) {
  const actor = currentActor();
  return {
    contract: { contract_id: contract.contract_id, title: contract.title, client_id: contract.client_id, notice_period_days: contract.notice_period_days },
    client: await clientOf(contract),
    ...(contract.owner_id ? { owner: { id: contract.owner_id, ...(contract.owner_email ? { email: contract.owner_email } : {}) } } : {}),
    actor: { id: actor.id, ...(actor.email ? { email: actor.email } : {}) },
  };
}

/** Writes one change of the term with its audit entry and event. */
async function write(before: Stored, after: Stored, event: { type: string; payload: object }): Promise<void> {
  await recordChange({
    trail: before.contract_id,
    entity: "contract",
    entity_id: before.contract_id,
    before: { status: before.status, end_date: before.end_date, version: before.version },
    after: { status: after.status, end_date: after.end_date, notice_deadline: after.notice_deadline, version: after.version },
    at: after.updated_at,
    entities: { contract: ContractEntity },
    writes: ({ contract }) => [
      contract
        .put(after)
        .where(({ version }, { eq }) => eq(version, before.version))
        .commit(),
    ],
    events: [event],
    explain: () => explainConflict(before.contract_id, before.version),
  });
}

async function extend(contract: Stored, months: number, end: string, how: "AUTO" | "MANUAL"): Promise<Stored> {
  const after = withTerm({ ...contract, status: contract.status === "EXPIRED" ? "ACTIVE" : contract.status, end_date: end, version: contract.version + 1, updated_at: new Date().toISOString() });
  const event = Events.Renewed.build({
    ...(await common(contract)),
    previous_end_date: contract.end_date,
    end_date: end,
    term_months: months,
    notice_deadline: noticeDeadline(after)!,
    how,
  });
  await write(contract, after, event);
  return after;
}

/**
 * Renews a contract by hand: its end date moves one term forward (the term
 * given, else its own `renewal_term_months`). An EXPIRED contract comes back
 * ACTIVE, if the new term reaches today.
 */
export async function renew(contractId: string, raw: RenewInput = {}): Promise<Contract> {
  const input = parse(RenewInput, raw);
  const contract = await load(contractId);
  const renewal = contract.renewal ?? DEFAULT_RENEWAL;
  if (!RENEWABLE.includes(contract.status) || renewal === "EVERGREEN") {
    const why = renewal === "EVERGREEN" ? "is EVERGREEN: it has no end date to move" : `is ${contract.status}`;
    throw new DomainError("contract.not_renewable", `Contract ${contract.contract_id} ${why}; only running or expired contracts with an end date renew.`, {
      status: contract.status,
      renewal,
    });
  }
  const months = input.term_months ?? contract.renewal_term_months;
  if (!months) throw new ValidationError([{ path: "term_months", message: "term_months: this contract has no renewal term of its own; say how many months to renew for" }]);
  const end = addMonths(contract.end_date, months);
  if (contract.status === "EXPIRED" && end < today()) {
    throw new ValidationError([{ path: "term_months", message: `term_months: renewed by ${months} months it would end on ${end}, already past; renew for longer` }]);
  }
  return present(await extend(contract, months, end, "MANUAL"));
}

async function expire(contract: Stored): Promise<void> {
  const after: Stored = { ...contract, status: "EXPIRED", version: contract.version + 1, updated_at: new Date().toISOString() };
  await write(contract, after, Events.Expired.build({ ...(await common(contract)), end_date: contract.end_date }));
}

/** One thing the term job did, or would do in a dry run, said for a person. */
export interface TermAction {
  contract_id: string;
  action: "expire" | "renew";
  end_date: string;
  /** For a renewal: the end date of each term it adds. */
  renewed_to?: string[];
}

/**
 * The scheduler's term job for `day`: every running contract whose end date
 * has passed expires (NONE) or renews (AUTO, one term at a time until the
 * term covers `day`). Queries running contracts by status and end date; a
 * contract that changed meanwhile is skipped and found again on the next run.
 * `dryRun` lists what would happen and writes nothing.
 */
export async function settleDue(day = today(), options: { dryRun?: boolean } = {}): Promise<TermAction[]> {
  const actions: TermAction[] = [];
  const failures: unknown[] = [];
  for (const status of RUNNING_STATUSES as ("ACTIVE" | "SUSPENDED")[]) {
    let cursor: string | null = null;
    do {
      const page: { data: Stored[]; cursor: string | null } = await ContractEntity.query
        .byStatus({ status })
        .lt({ end_date: day })
        .go({ cursor, limit: 100 });
      for (const contract of page.data) {
        const due = dueOn(contract, day);
        if (due.kind === "none") continue;
        const action: TermAction =
          due.kind === "expire"
            ? { contract_id: contract.contract_id, action: "expire", end_date: contract.end_date }
            : { contract_id: contract.contract_id, action: "renew", end_date: contract.end_date, renewed_to: due.ends };
        try {
          if (!options.dryRun) await apply(contract, due);
          actions.push(action);
        } catch (error) {
          // Someone changed it while the job ran (renewed it, gave notice, deleted it): it is theirs now, found again next run if still due.
          if (error instanceof DomainError) {
            log.warn("term change skipped", { contract_id: contract.contract_id, code: error.code });
            continue;
          }
          failures.push(error);
          log.error("term change failed", { contract_id: contract.contract_id, ...describeError(error) });
        }
      }
      cursor = page.cursor;
    } while (cursor);
  }
  if (failures.length) throw new AggregateError(failures, `${failures.length} contract term change(s) failed; they are retried on the next run`);
  return actions;
}

/**
 * The term job for one contract: what `settleDue` does to it on `day`, if it
 * is running and due. The scheduler may be settling it at the same moment:
 * a lost race is read again and finished from where the winner left it.
 */
export async function settle(contractId: string, day = today()): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const contract = await load(contractId);
    if (!RUNNING_STATUSES.includes(contract.status)) return;
    try {
      return await apply(contract, dueOn(contract, day));
    } catch (error) {
      if (!(error instanceof DomainError && error.code === "version.conflict") || attempt >= 5) throw error;
    }
  }
}

async function apply(contract: Stored, due: ReturnType<typeof dueOn>): Promise<void> {
  if (due.kind === "expire") return expire(contract);
  if (due.kind !== "renew") return;
  let current = contract;
  for (const end of due.ends) current = await extend(current, contract.renewal_term_months!, end, "AUTO");
}
