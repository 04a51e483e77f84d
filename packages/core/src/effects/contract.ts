/**
 * The effects of the contract's events: on its term, the client and the owner
 * are told; on deletion, its documents are withdrawn; a suspension or
 * reinstatement tells whoever made it (a record in their inbox of what they did).
 */
import { Events } from "../contract/events";
import * as File from "../file";
import { noticeTo } from "../notification/effect";
import type { Effect } from "../outbox";
import { subscribe } from "./registry";

type Parties = { client: { name: string; email: string } | null; owner?: { email?: string } };
type Audience = "CLIENT" | "OWNER";

/** The client and the owner each get their own notice, worded for them; nobody to tell, no notice. */
function toParties(parties: Parties, notice: (to: string, audience: Audience, client_name: string) => Effect): Effect[] {
  const client_name = parties.client?.name ?? "a client no longer on record";
  return [...(parties.client ? [notice(parties.client.email, "CLIENT", client_name)] : []), ...(parties.owner?.email ? [notice(parties.owner.email, "OWNER", client_name)] : [])];
}

for (const moved of [Events.Suspended, Events.Reinstated]) {
  subscribe(moved, ({ contract, actor }, event) =>
    actor.email ? [noticeTo(event, "status-update", actor.email, { contract_id: contract.contract_id, contract_title: contract.title, status: contract.status, changed_by: actor.id })] : [],
  );
}

subscribe(Events.Renewed, (p, event) =>
  toParties(p, (to, audience, client_name) =>
    noticeTo(event, "contract-renewed", to, {
      audience,
      client_name,
      contract_id: p.contract.contract_id,
      contract_title: p.contract.title,
      previous_end_date: p.previous_end_date,
      end_date: p.end_date,
      term_months: p.term_months,
      notice_period_days: p.contract.notice_period_days,
      notice_deadline: p.notice_deadline,
      how: p.how,
    }),
  ),
);

subscribe(Events.Expired, (p, event) =>
  toParties(p, (to, audience, client_name) =>
    noticeTo(event, "contract-expired", to, { audience, client_name, contract_id: p.contract.contract_id, contract_title: p.contract.title, end_date: p.end_date }),
  ),
);

subscribe(Events.Deleted, ({ contract }) => [{ name: "withdraw-documents", run: async () => void (await File.withdrawContract(contract.contract_id)) }]);

