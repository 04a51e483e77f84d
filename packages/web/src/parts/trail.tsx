import { useQuery } from "@tanstack/react-query";
import { contract } from "../queries";

/** A contract's audit trail, newest first: the timeline, and the names of the people in it. */
export const useTrail = (contractId: string) => useQuery(contract.trail(contractId));

export interface Actor {
  actor: string;
  actor_name?: string;
  actor_email?: string;
}

export const nameOf = (entry: Actor) => entry.actor_name ?? entry.actor_email ?? entry.actor;

/** A person named by their subject id, shown by the name the trail recorded from their token. */
export function Person({ contractId, id }: { contractId: string; id: string }) {
  const trail = useTrail(contractId);
  const entry = trail.data?.items.find((item) => item.actor === id);
  return <>{entry ? nameOf(entry) : id}</>;
}
