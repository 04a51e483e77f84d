import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../api";

/** One client, cached: lists and pages show its name. */
export const useClient = (id: string | undefined) =>
  useQuery({
    queryKey: ["client", id],
    queryFn: () => unwrap(api.GET("/api/clients/{id}", { params: { path: { id: id! } } })),
    enabled: Boolean(id),
    staleTime: 60_000,
  });

/** The newest clients, enough to pick one from a list. */
export const useClientChoices = () =>
  useQuery({ queryKey: ["clients", "choices"], queryFn: () => unwrap(api.GET("/api/clients", { params: { query: { limit: 100 } } })) });

export function ClientName({ id }: { id: string }) {
  const { data } = useClient(id);
  return <>{data?.name ?? id}</>;
}
