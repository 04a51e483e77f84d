import { useQuery } from "@tanstack/react-query";
import { client, clients } from "../queries";

/** One client, cached: lists and pages show its name. */
export const useClient = (id: string | undefined) => useQuery({ ...client.detail(id ?? ""), enabled: Boolean(id) });

/** The newest clients, enough to pick one from a list. */
export const useClientChoices = () => useQuery(clients.choices());

export function ClientName({ id }: { id: string }) {
  const { data } = useClient(id);
  return <>{data?.name ?? id}</>;
}
