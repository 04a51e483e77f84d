import { useQuery } from "@tanstack/react-query";
import { can as granted, type Capability } from "@testex/core/access";
import { api, unwrap } from "./api";

/** Who the API says the signed-in person is, and the roles their groups grant on this stage. */
export function useMe() {
  return useQuery({ queryKey: ["me"], queryFn: () => unwrap(api.GET("/api/me")), staleTime: Infinity });
}

export type Me = NonNullable<ReturnType<typeof useMe>["data"]>;

/** Whether the signed-in person's roles grant a capability: controls they may not use are not shown at all. */
export function useCan(capability: Capability): boolean {
  const { data } = useMe();
  return data ? granted({ id: data.id, roles: data.roles }, capability) : false;
}

export const displayName = (me: { id: string; name?: string; email?: string }) => me.name ?? me.email ?? me.id;
