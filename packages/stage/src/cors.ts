/**
 * Cross-origin rules of the API, as pure data. API Gateway HTTP APIs answer
 * CORS themselves (preflights never reach the function, and the gateway sets
 * the response headers), so infra/api.ts gives this to the gateway, and the
 * local runtime's stand-in for the gateway (packages/local) applies the same.
 */
export interface ApiCors {
  allowOrigins: string[];
  allowMethods: ("GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS")[];
  allowHeaders: string[];
  exposeHeaders: string[];
  maxAgeSeconds: number;
}

export const apiCors = (origins: string[]): ApiCors => ({
  allowOrigins: origins,
  allowMethods: ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
  allowHeaders: ["authorization", "content-type", "if-match", "idempotency-key", "x-request-id"],
  exposeHeaders: ["etag", "location", "x-request-id", "idempotent-replayed"],
  maxAgeSeconds: 3600,
});
