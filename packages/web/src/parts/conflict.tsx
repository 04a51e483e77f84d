import { useQuery } from "@tanstack/react-query";
import { ProblemError } from "../api";
import { client, contract } from "../queries";
import { moment } from "./format";
import { nameOf } from "./trail";

export const isConflict = (error: unknown): error is ProblemError => error instanceof ProblemError && error.is("version.conflict");

/**
 * Someone saved the record after this person opened it. Say who and when
 * (from the record's audit trail), and offer to reload: the console never
 * overwrites another person's change.
 */
export function Conflict({ kind, id, onReload }: { kind: "contract" | "client"; id: string; onReload: () => void }) {
  const latest = useQuery(kind === "contract" ? contract.latestChange(id) : client.latestChange(id));
  const entry = latest.data?.items[0];
  return (
    <div role="alert" className="error">
      <p>
        {entry ? (
          <>
            <strong>{nameOf(entry)}</strong> changed this {kind} on {moment(entry.at)}, after you opened it.
          </>
        ) : (
          <>Someone changed this {kind} after you opened it.</>
        )}{" "}
        Your changes were not saved. Reload to see the current version, then make your changes again.
      </p>
      <button type="button" onClick={onReload}>
        Reload the {kind}
      </button>
    </div>
  );
}
