/**
 * The API's routes as API Gateway knows them. Everything needs a valid token
 * from the stage's issuer, checked by the gateway's JWT authorizer before the
 * function starts, except these: the health check, the API's documentation
 * (the page asks for a token itself), and the calendar feed, whose secret
 * address is its credential. And every OPTIONS: a CORS preflight carries no
 * token, and an authorised `$default` would catch it before the gateway's CORS
 * answer (API Gateway's guide: "CORS and authorization for the $default route").
 * The local server's gateway reads the same list (packages/local/src/api-gateway.ts).
 */
export const PUBLIC_ROUTES = ["GET /health", "GET /openapi.json", "GET /docs", "GET /docs/{file}", "GET /calendar/{feed}", "OPTIONS /{proxy+}"] as const;

/** API Gateway's matching of a route key: `{name}` is one whole path segment, a greedy `{name+}` the rest of the path. */
const pattern = (route: string) => {
  const [method, path] = route.split(" ") as [string, string];
  const segments = path
    .replace(/[.*?^$()|[\]\\]/g, "\\$&")
    .replace(/\{[^}+]+\+\}/g, ".+")
    .replace(/\{[^}]+\}/g, "[^/]+");
  return { method, path: new RegExp(`^${segments}$`) };
};

const PUBLIC = PUBLIC_ROUTES.map(pattern);

/** Whether API Gateway lets `method path` through without a token. */
export const isPublicRoute = (method: string, path: string) => PUBLIC.some((r) => r.method === method && r.path.test(path));
