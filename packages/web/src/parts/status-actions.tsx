import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, idempotencyKey, unwrap } from "../api";
import type { ContractView } from "./contract";
import { ErrorMessage } from "./status";

/** Suspend an active contract, or reinstate a suspended one. */
export function StatusActions({ contract }: { contract: ContractView }) {
  const queries = useQueryClient();
  const path = { params: { path: { id: contract.contract_id } }, headers: idempotencyKey() };
  const move = useMutation({
    mutationFn: (to: "suspend" | "reinstate") =>
      unwrap(to === "suspend" ? api.POST("/api/contracts/{id}/suspend", path) : api.POST("/api/contracts/{id}/reinstate", path)),
    onSettled: () => queries.invalidateQueries(),
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
