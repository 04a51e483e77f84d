/**
 * What people do to a termination: request, approve, reject, withdraw. Each
 * reads what it must (a request: the contract; a decision: the contract and
 * its termination) and writes in one transaction (./write).
 */
import { currentActor } from "../context";
import * as Contract from "../contract";
import { DomainError } from "../error";
import { newId } from "../id";
import { metric } from "../metric";
import { parse } from "../validation";
import { Events } from "./events";
import { today } from "../dates";
import { approvalsRequired } from "../contract/approval";
import { assertNewApprover, assertNotRequester, checkRequest, type Decision } from "./policy";
import { ApproveInput, decisionsOf, present, RejectInput, RequestInput, type Stored, type Termination } from "./schemas";
import { commit, completion, latestOf, mustMove, mustTransition, nextContract, step } from "./write";

/**
 * Asks to end a contract. With no approver needed its date is fixed at once
 * (SCHEDULED), and due today it ends at once; otherwise it waits for the
 * approvers the contract's highest tier calls for (./policy).
 */
export async function request(contractId: string, raw: RequestInput): Promise<Termination> {
  const input = parse(RequestInput, raw);
  const contract = await Contract.load(contractId);
  const pendingStatus = mustTransition(contract, "request");
  const day = today();
  const { effective_date, basis } = checkRequest(input, contract, day);
  const approvals = approvalsRequired(contract);
  const actor = currentActor();
  const now = new Date().toISOString();
  const requested: Stored = {
    termination_id: newId("TM"),
    contract_id: contract.contract_id,
    status: approvals > 0 ? "PENDING_APPROVAL" : "SCHEDULED",
    reason: input.reason,
    ...(input.notes ? { notes: input.notes } : {}),
    ...(input.client_message ? { client_message: input.client_message } : {}),
    effective_date,
    notice_basis: basis,
    notice_period_days: contract.notice_period_days,
    approval_required: approvals > 0,
    approvals_required: approvals,
    decisions: [],
    previous_status: contract.status as "ACTIVE" | "SUSPENDED",
    requested_by: actor.id,
    ...(actor.email ? { requested_by_email: actor.email } : {}),
    ...(actor.name ? { requested_by_name: actor.name } : {}),
    requested_at: now,
    version: 1,
    updated_at: now,
  };
  const pending = nextContract(contract, { status: pendingStatus, termination_id: requested.termination_id, termination_reason: input.reason }, now);

  if (approvals === 0 && effective_date <= day) {
    // Scheduled and completed in one write: the client is given notice (scheduled) and a confirmation (completed).
    const { done, after, step: completed } = completion(contract, requested, now, pending);
    await commit({ before: contract, after, termination: done, steps: [step(Events.Scheduled, pending, requested), completed], moves: { contract: "request" } }, now);
    metric("TerminationRequested");
    metric("TerminationCompleted");
    return present(done);
  }
  const type = approvals > 0 ? Events.Requested : Events.Scheduled;
  await commit({ before: contract, after: pending, termination: requested, steps: [step(type, pending, requested)], moves: { contract: "request" } }, now);
  metric("TerminationRequested");
  return present(requested);
}

export const decision = (outcome: Decision["outcome"], now: string, comment?: string): Decision => {
  const actor = currentActor();
  return { by: actor.id, ...(actor.email ? { email: actor.email } : {}), ...(actor.name ? { name: actor.name } : {}), at: now, outcome, ...(comment ? { comment } : {}) };
};

/**
 * One approval. Until the required number of distinct approvers (none the
 * requester) have approved, the request keeps waiting; the last approval fixes
 * the date (SCHEDULED), and due today ends the contract at once.
 */
export async function approve(contractId: string, raw: ApproveInput = {}): Promise<Termination> {
  const input = parse(ApproveInput, raw);
  const contract = await Contract.load(contractId);
  const termination = await latestOf(contract);
  const scheduled = mustMove(termination, "approve");
  const actor = currentActor();
  assertNotRequester(termination, actor.id);
  const decisions = decisionsOf(termination);
  assertNewApprover(decisions, actor.id);
  const now = new Date().toISOString();
  const recorded = [...decisions, decision("APPROVED", now, input.comment)];
  const needed = termination.approvals_required ?? 1;
  const enough = recorded.filter((d) => d.outcome === "APPROVED").length >= needed;
  const approved: Stored = {
    ...termination,
    status: enough ? scheduled : termination.status,
    decisions: recorded,
    version: termination.version + 1,
    updated_at: now,
  };
  const moves = { contract: "complete", termination: "approve" } as const;
  const base = { before: contract, terminationVersion: termination.version, moves };
  if (!enough) {
    await commit({ ...base, termination: approved, steps: [step(Events.ApprovalRecorded, contract, approved)] }, now);
    return present(approved);
  }
  const approval = step(Events.Approved, contract, approved);
  if (approved.effective_date <= today()) {
    const { done, after, step: completed } = completion(contract, approved, now);
    await commit({ ...base, after, termination: done, steps: [approval, completed] }, now);
    metric("TerminationApproved");
    metric("TerminationCompleted");
    return present(done);
  }
  await commit({ ...base, termination: approved, steps: [approval] }, now);
  metric("TerminationApproved");
  return present(approved);
}

/** Ends a pending request (rejected or withdrawn): the contract returns to where it was. */
async function cancel(contractId: string, move: "reject" | "withdraw", comment?: string): Promise<Termination> {
  const contract = await Contract.load(contractId);
  const termination = await latestOf(contract);
  const to = mustMove(termination, move);
  const actor = currentActor();
  if (move === "reject") assertNotRequester(termination, actor.id);
  if (move === "withdraw" && termination.requested_by !== actor.id) {
    throw new DomainError("termination.not_requester", "Only the person who requested a termination can withdraw it.", {
      requested_by: termination.requested_by,
    });
  }
  const now = new Date().toISOString();
  const ended: Stored = {
    ...termination,
    status: to,
    ...(move === "reject" ? { decisions: [...decisionsOf(termination), decision("REJECTED", now, comment)] } : { withdrawn_at: now }),
    version: termination.version + 1,
    updated_at: now,
  };
  const { termination_reason: _reason, ...rest } = contract;
  const after = nextContract(rest, { status: mustTransition(contract, "cancel", termination.previous_status) }, now);
  const type = move === "reject" ? Events.Rejected : Events.Withdrawn;
  await commit({ before: contract, after, termination: ended, terminationVersion: termination.version, steps: [step(type, after, ended)], moves: { contract: "cancel", termination: move } }, now);
  if (move === "reject") metric("TerminationRejected");
  return present(ended);
}

export async function reject(contractId: string, raw: RejectInput): Promise<Termination> {
  return cancel(contractId, "reject", parse(RejectInput, raw).comment);
}

export const withdraw = (contractId: string): Promise<Termination> => cancel(contractId, "withdraw");
