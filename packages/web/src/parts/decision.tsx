import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { api, idempotencyKey, unwrap } from "../api";
import { ErrorMessage } from "./status";

/**
 * Approve, or reject with a required comment, one pending termination. Shown
 * only to approvers, and never on their own request (the API refuses that too).
 */
export function Decision({ contractId, title }: { contractId: string; title: string }) {
  const queries = useQueryClient();
  const [rejecting, setRejecting] = useState(false);
  const commentId = useId();
  const path = { params: { path: { id: contractId } } };
  const settle = () => queries.invalidateQueries();

  const approve = useMutation({
    mutationFn: () => unwrap(api.POST("/api/contracts/{id}/termination/approve", { ...path, body: {}, headers: idempotencyKey() })),
    onSettled: settle,
  });
  const reject = useMutation({
    mutationFn: (comment: string) =>
      unwrap(api.POST("/api/contracts/{id}/termination/reject", { ...path, body: { comment }, headers: idempotencyKey() })),
    onSettled: settle,
  });

  const submitReject = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const comment = String(new FormData(event.currentTarget).get("comment") ?? "").trim();
    if (comment) reject.mutate(comment);
  };
  const busy = approve.isPending || reject.isPending;

  return (
    <div className="decision">
      {!rejecting ? (
        <div className="actions">
          <button type="button" className="primary" disabled={busy} onClick={() => approve.mutate()} aria-label={`Approve termination of ${title}`}>
            Approve
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
      <ErrorMessage error={approve.error ?? reject.error} />
    </div>
  );
}
