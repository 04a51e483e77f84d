import * as File from "../file";
import type { Effect, Stored as OutboxEvent } from "../outbox";
import { noticeTo } from "../notification/effect";
import { EVENTS, read } from "./events";

type Parties = { client: { name: string; email: string } | null; owner?: { email?: string } };

/** The client and the owner each get their own notice, worded for them; nobody to tell, no notice. */
function toParties(event: OutboxEvent, template: string, parties: Parties, props: Record<string, unknown>): Effect[] {
  const client_name = parties.client?.name ?? "a client no longer on record";
  return [
    ...(parties.client ? [noticeTo(event, template, parties.client.email, { ...props, audience: "CLIENT", client_name })] : []),
    ...(parties.owner?.email ? [noticeTo(event, template, parties.owner.email, { ...props, audience: "OWNER", client_name })] : []),
  ];
}

/**
 * The effects of the contract's events: on its term, the client and the owner
 * are told; on deletion, its documents are withdrawn; a suspension or
 * reinstatement tells whoever made it (a record in their inbox of what they did).
 */
export function effectsOf(event: OutboxEvent): Effect[] {
  switch (event.type) {
    case EVENTS.suspended.type:
    case EVENTS.reinstated.type: {
      const { contract, actor } = read(EVENTS.suspended, event);
      if (!actor.email) return [];
      return [noticeTo(event, "status-update", actor.email, { contract_id: contract.contract_id, contract_title: contract.title, status: contract.status, changed_by: actor.id })];
    }
    case EVENTS.renewed.type: {
      const p = read(EVENTS.renewed, event);
      return toParties(event, "contract-renewed", p, {
        contract_id: p.contract.contract_id,
        contract_title: p.contract.title,
        previous_end_date: p.previous_end_date,
        end_date: p.end_date,
        term_months: p.term_months,
        notice_period_days: p.contract.notice_period_days,
        notice_deadline: p.notice_deadline,
        how: p.how,
      });
    }
    case EVENTS.expired.type: {
      const p = read(EVENTS.expired, event);
      return toParties(event, "contract-expired", p, { contract_id: p.contract.contract_id, contract_title: p.contract.title, end_date: p.end_date });
    }
    case EVENTS.deleted.type: {
      const p = read(EVENTS.deleted, event);
      return [{ name: "withdraw-documents", run: async () => void (await File.withdrawContract(p.contract.contract_id)) }];
    }
    default:
      return [];
  }
}
