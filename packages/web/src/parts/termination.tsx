import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Fragment, useId, useState, type FormEvent } from "react";
import { api, idempotencyKey, ProblemError, unwrap } from "../api";
import { useCan, useMe } from "../me";
import type { ContractView } from "./contract";
import { Decision } from "./decision";
import { addDays, day, moment, today, words } from "./format";
import { ErrorMessage, Loading } from "./status";
import { Person } from "./trail";

/** A termination still open: it may be decided or withdrawn. */
const OPEN = new Set(["PENDING_APPROVAL", "SCHEDULED"]);

/** The contract's termination: its state and the controls this person may use on it, or a form to request one. */
export function TerminationPanel({ contract }: { contract: ContractView }) {
  const current = useQuery({
    queryKey: ["termination", contract.contract_id],
    queryFn: async () => {
      try {
        return await unwrap(api.GET("/api/contracts/{id}/termination", { params: { path: { id: contract.contract_id } } }));
      } catch (error) {
        if (error instanceof ProblemError && error.status === 404) return null;
        throw error;
      }
    },
  });
  const me = useMe();
  const canWrite = useCan("write");
  const canApprove = useCan("approve");

  if (current.error) return <ErrorMessage error={current.error} />;
  if (current.data === undefined || !me.data) return <Loading what="the termination" />;
  const t = current.data;
  const open = t && OPEN.has(t.status);
  const mine = t?.requested_by === me.data.id;

  return (
    <>
      {t ? (
        <dl className="facts">
          <dt>Status</dt>
          <dd>{words(t.status)}</dd>
          <dt>Reason</dt>
          <dd>
            {t.reason_label}
            {t.notes ? ` — ${t.notes}` : ""}
          </dd>
          <dt>Effective</dt>
          <dd>{day(t.effective_date)}</dd>
          <dt>Requested</dt>
          <dd>
            by {t.requested_by_name ?? <Person contractId={contract.contract_id} id={t.requested_by} />} on {moment(t.requested_at)}
          </dd>
          {t.decisions.map((decision) => (
            <Fragment key={`${decision.by}-${decision.at}`}>
              <dt>{decision.outcome === "APPROVED" ? "Approved" : "Rejected"}</dt>
              <dd>
                by {decision.name ?? <Person contractId={contract.contract_id} id={decision.by} />} on {moment(decision.at)}
                {decision.comment ? `: “${decision.comment}”` : ""}
              </dd>
            </Fragment>
          ))}
          {t.status === "PENDING_APPROVAL" && t.approvals_required > 1 && (
            <>
              <dt>Approvals</dt>
              <dd>
                {t.decisions.filter((decision) => decision.outcome === "APPROVED").length} of {t.approvals_required}
              </dd>
            </>
          )}
        </dl>
      ) : (
        <p>No termination has been requested.</p>
      )}
      {t?.status === "PENDING_APPROVAL" && canApprove && !mine && <Decision contractId={contract.contract_id} title={contract.title} />}
      {t?.status === "PENDING_APPROVAL" && canApprove && mine && <p className="note">You requested this termination, so someone else decides it.</p>}
      {open && mine && canWrite && <Withdraw contractId={contract.contract_id} />}
      {!open && canWrite && (contract.status === "ACTIVE" || contract.status === "SUSPENDED") && <RequestForm contract={contract} />}
    </>
  );
}

function Withdraw({ contractId }: { contractId: string }) {
  const queries = useQueryClient();
  const withdraw = useMutation({
    mutationFn: () =>
      unwrap(api.POST("/api/contracts/{id}/termination/withdraw", { params: { path: { id: contractId } }, headers: idempotencyKey() })),
    onSettled: () => queries.invalidateQueries(),
  });
  return (
    <div className="actions">
      <button type="button" disabled={withdraw.isPending} onClick={() => withdraw.mutate()}>
        Withdraw the request
      </button>
      <ErrorMessage error={withdraw.error} />
    </div>
  );
}

function RequestForm({ contract }: { contract: ContractView }) {
  const queries = useQueryClient();
  const ids = { reason: useId(), date: useId(), notes: useId(), message: useId(), hint: useId() };
  // The stage's own catalogue: its labels, and which reasons may cut the notice period short.
  const catalogue = useQuery({ queryKey: ["termination-reasons"], queryFn: () => unwrap(api.GET("/api/termination-reasons")), staleTime: Infinity });
  const reasons = catalogue.data?.items ?? [];
  const [chosen, setChosen] = useState<string>();
  const reason = reasons.find((r) => r.code === chosen) ?? reasons.find((r) => r.code === "CONVENIENCE") ?? reasons[0];
  const earliest = addDays(today(), contract.notice_period_days);
  const request = useMutation({
    mutationFn: (body: { reason: string; effective_date: string; notes?: string; client_message?: string }) =>
      unwrap(api.POST("/api/contracts/{id}/termination", { params: { path: { id: contract.contract_id } }, body, headers: idempotencyKey() })),
    onSettled: () => queries.invalidateQueries(),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!reason) return;
    const form = new FormData(event.currentTarget);
    const notes = String(form.get("notes") ?? "").trim();
    const message = String(form.get("client_message") ?? "").trim();
    request.mutate({ reason: reason.code, effective_date: String(form.get("effective_date")), ...(notes ? { notes } : {}), ...(message ? { client_message: message } : {}) });
  };
  if (catalogue.isPending) return <Loading what="termination reasons" />;
  if (catalogue.error) return <ErrorMessage error={catalogue.error} />;
  const minimum = reason?.short_notice ? today() : earliest;
  return (
    <form className="stack" onSubmit={submit} aria-label="Request termination">
      <h3>Request termination</h3>
      <div className="field">
        <label htmlFor={ids.reason}>Reason</label>
        <select id={ids.reason} value={reason?.code} onChange={(event) => setChosen(event.target.value)}>
          {reasons.map((r) => (
            <option key={r.code} value={r.code}>
              {r.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.date}>Effective date</label>
        <input id={ids.date} name="effective_date" type="date" required min={minimum} defaultValue={earliest} aria-describedby={ids.hint} />
        <p id={ids.hint} className="hint">
          The notice period of {contract.notice_period_days} days allows {day(earliest)} at the earliest
          {reason?.short_notice ? "; this reason may end it sooner, from today" : ""}.
        </p>
      </div>
      <div className="field">
        <label htmlFor={ids.notes}>{reason?.comment_required ? "Notes for the approvers" : "Notes for the approvers (optional)"}</label>
        <textarea id={ids.notes} name="notes" maxLength={2000} rows={3} required={reason?.comment_required} />
      </div>
      <div className="field">
        <label htmlFor={ids.message}>Message to the client (optional)</label>
        <textarea id={ids.message} name="client_message" maxLength={2000} rows={3} />
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={request.isPending}>
          Request termination
        </button>
      </div>
      <ErrorMessage error={request.error} />
    </form>
  );
}
