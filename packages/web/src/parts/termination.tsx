import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Fragment, useRef, useState, type FormEvent } from "react";
import { api, idempotencyKey, unwrap } from "../api";
import { useCan, useMe } from "../me";
import { contract as contractQueries, refresh, terminations } from "../queries";
import { Confirm, ConfirmDialog } from "./confirm";
import type { ContractView, TerminationView } from "./contract";
import { Decision } from "./decision";
import { Field } from "./field";
import { useFocusResult } from "./focus";
import { LetterPreview } from "./letter-preview";
import { addDays, day, moment, today, words } from "./format";
import { ErrorMessage, Loading } from "./status";
import { Person } from "./trail";

/** A termination still open: it may be decided or withdrawn. */
const OPEN = new Set(["PENDING_APPROVAL", "SCHEDULED"]);

/** "1 of 2, Ana Ortiz approved": how far the approvals are, by name. */
export function approvalsSummary(termination: Pick<TerminationView, "approvals_required" | "decisions">): string {
  const approved = termination.decisions.filter((decision) => decision.outcome === "APPROVED");
  const names = approved.map((decision) => decision.name ?? decision.by);
  const count = `${approved.length} of ${termination.approvals_required}`;
  return names.length ? `${count}, ${names.join(" and ")} approved` : count;
}

/** Why the effective date is what it is, as the letter says it. */
export const noticeBasis = (termination: Pick<TerminationView, "notice_basis">, noticePeriodDays: number) =>
  termination.notice_basis === "SHORT_NOTICE"
    ? `Short notice: the reason allows ending before the notice period of ${noticePeriodDays} days`
    : `The notice period of ${noticePeriodDays} days`;

/** The contract's termination: its state and the controls this person may use on it, or a form to request one. */
export function TerminationPanel({ contract }: { contract: ContractView }) {
  const current = useQuery(contractQueries.termination(contract.contract_id));
  const me = useMe();
  const canWrite = useCan("write");
  const canApprove = useCan("approve");

  if (current.error) return <ErrorMessage error={current.error} />;
  if (current.data === undefined || !me.data) return <Loading what="the termination" />;
  const t = current.data;
  const open = t && OPEN.has(t.status);
  const mine = t?.requested_by === me.data.id;
  const decided = t?.decisions.some((decision) => decision.by === me.data!.id);

  return (
    <>
      {t ? (
        <dl className="facts">
          <dt>Status</dt>
          <dd>{words(t.status)}</dd>
          <dt>Reason</dt>
          <dd>{t.reason_label}</dd>
          {t.notes && (
            <>
              <dt>Notes for the approvers</dt>
              <dd>{t.notes}</dd>
            </>
          )}
          <dt>Message to the client</dt>
          <dd>{t.client_message ?? "None: the notice says only what the letter says."}</dd>
          <dt>Effective</dt>
          <dd>{day(t.effective_date)}</dd>
          <dt>Notice basis</dt>
          <dd>{noticeBasis(t, contract.notice_period_days)}</dd>
          <dt>Requested</dt>
          <dd>
            by {t.requested_by_name ?? <Person contractId={contract.contract_id} id={t.requested_by} />} on {moment(t.requested_at)}
          </dd>
          {t.approvals_required > 0 && (
            <>
              <dt>Approvals</dt>
              <dd>{approvalsSummary(t)}</dd>
            </>
          )}
          {t.decisions.map((decision) => (
            <Fragment key={`${decision.by}-${decision.at}`}>
              <dt>{decision.outcome === "APPROVED" ? "Approved" : "Rejected"}</dt>
              <dd>
                by {decision.name ?? <Person contractId={contract.contract_id} id={decision.by} />} on {moment(decision.at)}
                {decision.comment ? `: “${decision.comment}”` : ""}
              </dd>
            </Fragment>
          ))}
        </dl>
      ) : (
        <p>No termination has been requested.</p>
      )}
      {open && <LetterPreview contractId={contract.contract_id} />}
      {t?.status === "PENDING_APPROVAL" && canApprove && !mine && !decided && <Decision termination={t} title={contract.title} />}
      {t?.status === "PENDING_APPROVAL" && canApprove && !mine && decided && (
        <p className="note">You approved this termination; it waits for {t.approvals_required - t.decisions.filter((d) => d.outcome === "APPROVED").length} more.</p>
      )}
      {t?.status === "PENDING_APPROVAL" && canApprove && mine && <p className="note">You requested this termination, so someone else decides it.</p>}
      {open && mine && canWrite && <Withdraw termination={t} />}
      {!open && canWrite && (contract.status === "ACTIVE" || contract.status === "SUSPENDED") && <RequestForm contract={contract} />}
    </>
  );
}

function Withdraw({ termination }: { termination: TerminationView }) {
  const queries = useQueryClient();
  const focus = useFocusResult();
  const contractId = termination.contract_id;
  const withdraw = useMutation({
    mutationFn: () =>
      unwrap(api.POST("/api/contracts/{id}/termination/withdraw", { params: { path: { id: contractId } }, headers: idempotencyKey() })),
    onSuccess: () => focus("The termination request was withdrawn."),
    onSettled: () => refresh.contract(queries, contractId),
  });
  const noticeGiven = termination.status === "SCHEDULED";
  return (
    <div className="actions">
      <Confirm
        open="Withdraw the request…"
        title="Withdraw the termination request?"
        confirm="Withdraw the request"
        danger
        disabled={withdraw.isPending}
        onConfirm={() => withdraw.mutate()}
      >
        <p>
          The contract goes back to {words(termination.previous_status ?? "ACTIVE")}.{" "}
          {noticeGiven
            ? "The client was given notice, so they are e-mailed at once that the termination no longer stands."
            : "The approvers' request is closed; nothing is sent to the client."}
        </p>
      </Confirm>
      <ErrorMessage error={withdraw.error} />
    </div>
  );
}

interface RequestBody {
  reason: string;
  effective_date: string;
  notes?: string;
  client_message?: string;
}

function RequestForm({ contract }: { contract: ContractView }) {
  const queries = useQueryClient();
  const focus = useFocusResult();
  const catalogue = useQuery(terminations.reasons());
  const reasons = catalogue.data?.items ?? [];
  const [chosen, setChosen] = useState<string>();
  const [pending, setPending] = useState<RequestBody>();
  const dialog = useRef<HTMLDialogElement>(null);
  const reason = reasons.find((r) => r.code === chosen) ?? reasons.find((r) => r.code === "CONVENIENCE") ?? reasons[0];
  const earliest = addDays(today(), contract.notice_period_days);
  const request = useMutation({
    mutationFn: (body: RequestBody) =>
      unwrap(api.POST("/api/contracts/{id}/termination", { params: { path: { id: contract.contract_id } }, body, headers: idempotencyKey() })),
    onSuccess: (done) => focus(`Termination requested: ${words(done.status)}, effective ${day(done.effective_date)}.`),
    onSettled: () => refresh.contract(queries, contract.contract_id),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!reason) return;
    const form = new FormData(event.currentTarget);
    const notes = String(form.get("notes") ?? "").trim();
    const message = String(form.get("client_message") ?? "").trim();
    setPending({ reason: reason.code, effective_date: String(form.get("effective_date")), ...(notes ? { notes } : {}), ...(message ? { client_message: message } : {}) });
    dialog.current?.showModal();
  };
  if (catalogue.isPending) return <Loading what="termination reasons" />;
  if (catalogue.error) return <ErrorMessage error={catalogue.error} />;
  // A reason that ends the term (non-renewal) takes the term's last day and no other.
  const termEnd = reason?.end_of_term ? contract.end_date : undefined;
  const minimum = reason?.short_notice ? today() : earliest;
  const approvals = contract.approval_tier ?? 0;
  const endsToday = pending?.effective_date === today();
  return (
    <form className="stack" onSubmit={submit} aria-label="Request termination">
      <h3>Request termination</h3>
      <Field label="Reason">
        {(id) => (
          <select id={id} value={reason?.code} onChange={(event) => setChosen(event.target.value)}>
            {reasons.map((r) => (
              <option key={r.code} value={r.code}>
                {r.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label="Effective date"
        hint={
          reason?.end_of_term
            ? termEnd
              ? `${reason.label} takes effect on the term's last day, ${day(termEnd)}.`
              : `An open-ended contract has no term to end: choose another reason.`
            : `The notice period of ${contract.notice_period_days} days allows ${day(earliest)} at the earliest${reason?.short_notice ? "; this reason may end it sooner, from today" : ""}.`
        }
      >
        {(id, hint) => (
          <input
            key={termEnd ?? "free"}
            id={id}
            name="effective_date"
            type="date"
            required
            min={termEnd ?? minimum}
            max={termEnd}
            readOnly={Boolean(termEnd)}
            defaultValue={termEnd ?? earliest}
            aria-describedby={hint}
          />
        )}
      </Field>
      <Field label={reason?.comment_required ? "Notes for the approvers" : "Notes for the approvers (optional)"}>
        {(id) => <textarea id={id} name="notes" maxLength={2000} rows={3} required={reason?.comment_required} />}
      </Field>
      <Field label="Message to the client (optional)">{(id) => <textarea id={id} name="client_message" maxLength={2000} rows={3} />}</Field>
      <div className="actions">
        <button type="submit" className="primary" disabled={request.isPending || (reason?.end_of_term && !termEnd)}>
          Request termination
        </button>
      </div>
      <ConfirmDialog dialog={dialog} title="Request this termination?" confirm="Send the request" onConfirm={() => pending && request.mutate(pending)}>
        {approvals > 0 ? (
          <p>
            It goes to the approvers: {approvals === 1 ? "one approval is" : `${approvals} approvals are`} needed. Nothing is sent to the client until
            it is approved.
          </p>
        ) : (
          <p>
            No approval is needed for this contract: the client is e-mailed the notice of termination with the letter now
            {endsToday ? ", and the contract ends today. This cannot be undone." : `, effective ${day(pending?.effective_date)}.`}
          </p>
        )}
      </ConfirmDialog>
      <ErrorMessage error={request.error} />
    </form>
  );
}
