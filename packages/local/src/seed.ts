import { randomUUID } from "node:crypto";
import { Client, Contract, systemActor, Term, Termination, withContext, type Actor } from "@testex/core";
import { CONTRACT_TYPES, type ContractStatus } from "@testex/core/contract/index";
import { forEachLimit } from "@testex/core/pool";
import { personByLogin } from "./people";

/** The seeded person as the API would see them after signing in. */
const signedIn = (login: string): Actor => {
  const person = personByLogin(login)!;
  return { id: person.sub, email: person.email, name: person.name, roles: person.groups };
};

/**
 * Who does what in the demo data: the people who can sign in locally, so
 * audit trails show more than one person, and whatever Edward asked for waits
 * in both approvers' inboxes.
 */
const ACTORS = {
  editor: signedIn("ed"),
  manager: signedIn("ada"),
  approver: signedIn("ana"),
  secondApprover: signedIn("ben"),
} satisfies Record<string, Actor>;

/**
 * Statuses in the proportions of a real portfolio (11 active, 2 suspended, 3
 * pending termination, 4 terminated in 20), each of them in the first four,
 * so even a small seed shows every status.
 */
const STATUS_CYCLE: ContractStatus[] = [
  "ACTIVE", "SUSPENDED", "PENDING_TERMINATION", "TERMINATED", "ACTIVE", "ACTIVE", "TERMINATED", "ACTIVE", "PENDING_TERMINATION", "ACTIVE",
  "ACTIVE", "TERMINATED", "ACTIVE", "SUSPENDED", "ACTIVE", "PENDING_TERMINATION", "ACTIVE", "TERMINATED", "ACTIVE", "ACTIVE",
];

const COMPANIES = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Stark", "Wayne", "Tyrell", "Soylent", "Cyberdyne", "Wonka"];
const KINDS = ["Ltd", "GmbH", "SAS", "Inc", "BV", "AB"];
const SUBJECTS = ["Support and maintenance", "Cloud hosting", "Office lease", "Software licence", "Cleaning services", "Consulting retainer", "Hardware supply", "Payroll outsourcing"];
const CURRENCIES = ["USD", "EUR", "GBP"];
/** Most contracts end or renew by themselves; a few run until notice is given. */
const RENEWALS = ["NONE", "AUTO", "EVERGREEN", "AUTO", "NONE"] as const;

export interface SeedResult {
  clients: string[];
  contracts: { contract_id: string; status: ContractStatus }[];
}

const as = <T>(actor: Actor, fn: () => Promise<T>) => withContext({ actor, requestId: randomUUID() }, fn);
const pick = <T>(list: readonly T[], i: number) => list[i % list.length]!;
const day = (date: Date) => date.toISOString().slice(0, 10);

/**
 * Demo data for local use and benchmarks: clients and contracts made through
 * the core operations (so their audit trails are the real ones), some edited,
 * then moved to every status the system has; last, each gets what the
 * scheduler's term job would do, so no running contract is left past its end
 * date (NONE ones expire, AUTO ones renew).
 */
export async function seed(options: { contracts?: number; concurrency?: number } = {}): Promise<SeedResult> {
  const count = options.contracts ?? 100;
  const run = Date.now().toString(36);
  const clientIds: string[] = new Array(Math.max(1, Math.ceil(count / 4)));
  await forEachLimit(clientIds.keys(), options.concurrency ?? 8, async (i) => {
    const company = `${pick(COMPANIES, i)} ${pick(KINDS, i * 7)}`;
    const client = await as(ACTORS.editor, () =>
      Client.create({
        name: `${company} ${i + 1}`,
        email: `contracts-${run}-${i}@${company.toLowerCase().replace(/\W+/g, "-")}.example.com`,
        phone: `+1 555 ${String(1000 + (i % 9000)).padStart(4, "0")}`,
        address: `${10 + (i % 90)} Market Street, Springfield`,
      }),
    );
    clientIds[i] = client.client_id;
  });

  const contracts: SeedResult["contracts"] = new Array(count);
  await forEachLimit(contracts.keys(), options.concurrency ?? 8, async (i) => {
    const start = new Date(Date.UTC(2023, 0, 1) + ((i * 37) % 1200) * 86_400_000);
    const end = new Date(start.getTime() + (365 + ((i * 53) % 730)) * 86_400_000);
    const renewal = pick(RENEWALS, i);
    let contract = await as(ACTORS.editor, () =>
      Contract.create({
        client_id: clientIds[i % clientIds.length]!,
        title: pick(SUBJECTS, i),
        contract_type: pick(CONTRACT_TYPES, i),
        start_date: day(start),
        ...(renewal === "EVERGREEN" ? {} : { end_date: day(end) }),
        renewal,
        ...(renewal === "AUTO" ? { renewal_term_months: 12 } : {}),
        value: 1_000 + ((i * 7919) % 250_000),
        currency: pick(CURRENCIES, i),
        notice_period_days: pick([30, 60, 90], i),
      }),
    );
    if (i % 3 === 0) {
      contract = await as(ACTORS.manager, () => Contract.update(contract.contract_id, { value: contract.value + 500 }, contract.version));
    }
    await reach(contract, pick(STATUS_CYCLE, i));
    // What the scheduler's term job would do to it today; only the seeded contracts, whatever else the table holds.
    await as(systemActor("scheduler"), () => Term.settle(contract.contract_id));
    contracts[i] = { contract_id: contract.contract_id, status: (await Contract.get(contract.contract_id)).status };
  });
  return { clients: clientIds, contracts };
}

/**
 * Moves a new contract to `status` the way people would: a suspension, a
 * termination request (pending, or scheduled after the notice period), or a
 * breach ended today — approved by as many other people as its value needs.
 */
async function reach(contract: Contract.Contract, status: ContractStatus): Promise<void> {
  const id = contract.contract_id;
  if (status === "SUSPENDED") await as(ACTORS.manager, () => Contract.suspend(id));
  if (status === "PENDING_TERMINATION") {
    const effective_date = Term.addDays(day(new Date()), contract.notice_period_days + 30);
    await as(ACTORS.editor, () => Termination.request(id, { reason: "CONVENIENCE", effective_date }));
  }
  if (status === "TERMINATED") {
    const requested = await as(ACTORS.editor, () => Termination.request(id, { reason: "BREACH", effective_date: day(new Date()), notes: "Repeated service failures" }));
    // As many distinct approvers as the policy asks for (none, one, or two above the second threshold).
    for (const approver of [ACTORS.approver, ACTORS.secondApprover].slice(0, requested.approvals_required)) {
      await as(approver, () => Termination.approve(id, { comment: "Breach documented" }));
    }
  }
}
