import { createTestexClient, ProblemError } from "@testex/client";
import { QueryClient } from "@tanstack/react-query";
import { bearer } from "./auth";
import { config } from "./config";

export { ifMatch, idempotencyKey, ProblemError, unwrap } from "@testex/client";

/** The one way the console reaches the API: the client typed from its OpenAPI document. */
export const api = createTestexClient({ baseUrl: config.apiUrl, getToken: bearer });

/** The one cache of server state. A refused request is not retried: the person reads why. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { staleTime: 10_000, retry: (count, error) => !(error instanceof ProblemError) && count < 2 },
    mutations: { retry: false },
  },
});
