import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, idempotencyKey, unwrap } from "../api";
import { refresh } from "../queries";
import { Confirm } from "./confirm";
import type { ContractView } from "./contract";
import { day } from "./format";
import { ErrorMessage } from "./status";
import { useFocusResult } from "./focus";
import { Field } from "./field";

/** Suspend an active contract, or reinstate a suspended one. */
export function StatusActions({ contract }: { contract: ContractView }) {
  const queries = useQueryClient();
  const focus = useFocusResult();
  const path = { params: { path: { id: contract.contract_id } }, headers: idempotencyKey() };
  const move = useMutation({
    mutationFn: (to: "suspend" | "reinstate") =>
      unwrap(to === "suspend" ? api.POST("/api/contracts/{id}/suspend", path) : api.POST("/api/contracts/{id}/reinstate", path)),
    onSuccess: (_done, to) => focus(to === "suspend" ? "The contract is suspended." : "The contract is active again."),
    onSettled: () => refresh.contract(queries, contract.contract_id),
  });
  return (
    <>
      {contract.status === "ACTIVE" && (
        <button type="button" disabled={move.isPending} onClick={() => move.mutate("suspend")}>
          Suspend
        </button>
      )}
      {contract.status === "SUSPENDED" && (
        <button type="button" disabled={move.isPending} onClick={() => move.mutate("reinstate")}>
          Reinstate
        </button>
      )}
      <ErrorMessage error={move.error} />
    </>
  );
}

/** Contracts with an end date to move: running ones and expired ones (an EVERGREEN contract has none). */
export const renewable = (contract: Pick<ContractView, "status" | "renewal">) =>
  contract.renewal !== "EVERGREEN" && ["ACTIVE", "SUSPENDED", "EXPIRED"].includes(contract.status);

/** Renew the contract for one more term, after saying what the client will be told. */
export function Renew({ contract, onRenewed }: { contract: ContractView; onRenewed?: () => void }) {
  const queries = useQueryClient();
  const focus = useFocusResult();
  const [months, setMonths] = useState(contract.renewal_term_months ?? 12);
  const renew = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST("/api/contracts/{id}/renew", { params: { path: { id: contract.contract_id } }, body: { term_months: months }, headers: idempotencyKey() }),
      ),
    onSuccess: () => {
      focus(`Renewed ${contract.title}`);
      onRenewed?.();
    },
    onSettled: () => refresh.contract(queries, contract.contract_id),
  });
  return (
    <>
      <Confirm
        open="Renew…"
        name={`Renew ${contract.title}`}
        title={`Renew ${contract.title}?`}
        confirm="Renew the contract"
        onConfirm={() => renew.mutate()}
        disabled={renew.isPending}
      >
        <Field label="New term (months)">
          {(id) => (
            <input id={id} type="number" min={1} max={120} step={1} value={months} onChange={(event) => setMonths(Number(event.target.value))} />
          )}
        </Field>
        <p>
          Its end date, now {day(contract.end_date)}, moves {months} months forward, and the client is e-mailed that the contract was renewed.
        </p>
      </Confirm>
      <ErrorMessage error={renew.error} />
    </>
  );
}
