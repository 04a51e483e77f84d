/**
 * The termination letter before anything is sent: the props the processor
 * would render once the date is fixed, built by the same path (the event's
 * payload, then `letterProps`). Read by an approver who may still decide, it
 * includes their own approval, so they read the letter their approval sends.
 */
import { can } from "../access";
import * as Client from "../client";
import { currentActor } from "../context";
import * as Contract from "../contract";
import { DomainError } from "../error";
import { decision } from "./commands";
import { build, Events, type TerminationFacts } from "./events";
import { letterProps, type LetterProps } from "./letter";
import { OPEN_TERMINATION_STATUSES } from "./lifecycle";
import { decisionsOf } from "./schemas";
import { latestOf } from "./write";

export async function letterPreview(contractId: string, now = new Date()): Promise<LetterProps> {
  const contract = await Contract.load(contractId);
  const termination = await latestOf(contract);
  if (!(OPEN_TERMINATION_STATUSES as readonly string[]).includes(termination.status)) {
    throw new DomainError("termination.invalid_transition", `Termination ${termination.termination_id} is ${termination.status}; its letter was sent or never will be.`, {
      termination_id: termination.termination_id,
      termination_status: termination.status,
    });
  }
  const actor = currentActor();
  const decisions = decisionsOf(termination);
  const mayStillApprove =
    termination.status === "PENDING_APPROVAL" && can(actor, "approve") && actor.id !== termination.requested_by && !decisions.some((d) => d.by === actor.id);
  const at = now.toISOString();
  const asSent = mayStillApprove ? { ...termination, decisions: [...decisions, decision("APPROVED", at)] } : termination;
  const client = await Client.get(contract.client_id);
  // Built and read as the letter's own event is when notice is given: the same payload, the same reader.
  const facts: TerminationFacts = Events.Scheduled.read(build(Events.Scheduled, contract, asSent, actor));
  return letterProps(facts, { name: client.name, email: client.email, ...(client.address ? { address: client.address } : {}) }, at);
}
