import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState, type FormEvent } from "react";
import { api, idempotencyKey, unwrap } from "../api";
import { refresh } from "../queries";
import { ConfirmDialog } from "./confirm";
import type { TerminationView } from "./contract";
import { Field } from "./field";
import { useFocusResult } from "./focus";
import { day, today } from "./format";
import { ErrorMessage } from "./status";

/** What an approval by this person will do, in words. */
export function approvalOutcome(termination: Pick<TerminationView, "approvals_required" | "decisions" | "effective_date">): string {
  const given = termination.decisions.filter((decision) => decision.outcome === "APPROVED").length;
  const left = termination.approvals_required - given - 1;
  if (left > 0) return `Your approval is recorded; ${left} more ${left === 1 ? "approval is" : "approvals are"} needed before anything is sent to the client.`;
  return termination.effective_date <= today()
    ? "Yours is the last approval needed: the contract ends today, and the client is e-mailed the notice of termination with the letter. This cannot be undone."
    : `Yours is the last approval needed: the client is e-mailed the notice of termination with the letter now, and the contract ends on ${day(termination.effective_date)}.`;
}

/**
 * Approve (with an optional comment, after saying what it will do), or reject
 * with a required comment, one pending termination. Shown only to approvers
 * who have not decided it yet, and never on their own request (the API
 * refuses both too).
 */
export function Decision({ termination, title }: { termination: TerminationView; title: string }) {
  const queries = useQueryClient();
  const focus = useFocusResult();
  const [rejecting, setRejecting] = useState(false);
  const [comment, setComment] = useState("");
  const dialog = useRef<HTMLDialogElement>(null);
  const commentId = useId();
  const contractId = termination.contract_id;
  const path = { params: { path: { id: contractId } } };
  const settle = () => refresh.contract(queries, contractId);

  const approve = useMutation({
    mutationFn: (note: string) =>
      unwrap(api.POST("/api/contracts/{id}/termination/approve", { ...path, body: note ? { comment: note } : {}, headers: idempotencyKey() })),
    onSuccess: () => focus(`You approved the termination of ${title}.`),
    onSettled: settle,
  });
  const reject = useMutation({
    mutationFn: (why: string) => unwrap(api.POST("/api/contracts/{id}/termination/reject", { ...path, body: { comment: why }, headers: idempotencyKey() })),
    onSuccess: () => focus(`You rejected the termination of ${title}.`),
    onSettled: settle,
  });

  const submitReject = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const why = String(new FormData(event.currentTarget).get("comment") ?? "").trim();
    if (why) reject.mutate(why);
  };
  const busy = approve.isPending || reject.isPending;

  return (
    <div className="decision">
      {!rejecting ? (
        <div className="actions">
          <button type="button" className="primary" disabled={busy} onClick={() => dialog.current?.showModal()} aria-label={`Approve termination of ${title}`}>
            Approve…
          </button>
          <button type="button" disabled={busy} onClick={() => setRejecting(true)} aria-label={`Reject termination of ${title}`}>
            Reject…
          </button>
        </div>
      ) : (
        <form onSubmit={submitReject} aria-label={`Reject termination of ${title}`}>
          <label htmlFor={commentId}>Why reject it? (required)</label>
          <textarea id={commentId} name="comment" required maxLength={2000} rows={3} />
          <div className="actions">
            <button type="submit" className="danger" disabled={busy}>
              Reject termination
            </button>
            <button type="button" onClick={() => setRejecting(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      <ConfirmDialog dialog={dialog} title={`Approve the termination of ${title}?`} confirm="Approve" onConfirm={() => approve.mutate(comment.trim())}>
        <p>{approvalOutcome(termination)}</p>
        <Field label="Comment (optional)">
          {(id) => <textarea id={id} maxLength={2000} rows={2} value={comment} onChange={(event) => setComment(event.target.value)} />}
        </Field>
      </ConfirmDialog>
      <ErrorMessage error={approve.error ?? reject.error} />
    </div>
  );
}
