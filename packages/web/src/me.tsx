import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "./api";

/** Who the API says the signed-in person is, the roles their groups grant on this stage, and what those allow. */
export function useMe() {
  return useQuery({ queryKey: ["me"], queryFn: () => unwrap(api.GET("/api/me")), staleTime: Infinity });
}

type Capability = NonNullable<ReturnType<typeof useMe>["data"]>["capabilities"][number];

/** Whether the signed-in person may do this: controls they may not use are not shown at all. */
export function useCan(capability: Capability): boolean {
  return useMe().data?.capabilities.includes(capability) ?? false;
}

export const displayName = (me: { id: string; name?: string; email?: string }) => me.name ?? me.email ?? me.id;
