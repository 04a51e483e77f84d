import { createMiddleware } from "hono/factory";
import { jwtVerify } from "jose";
import { Resource } from "sst";
import { DomainError, ROLES, type Actor } from "@testex/core";
import type { AppEnv } from "../types";

let key: Uint8Array | undefined;
const signingKey = () => (key ??= new TextEncoder().encode(Resource.AuthSecret.value));

/** Who is calling: a verified bearer token, or a 401. The audit actor is the token's subject, nothing else. */
export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header("authorization");
  const token = header?.match(/^Bearer\s+([A-Za-z0-9._~+/=-]+)$/i)?.[1];
  if (!token) throw new DomainError("auth.unauthenticated", "Send a bearer token: Authorization: Bearer <token>.");
  c.set("actor", await verify(token));
  await next();
});

async function verify(token: string): Promise<Actor> {
  let claims;
  try {
    ({ payload: claims } = await jwtVerify(token, signingKey(), { algorithms: ["HS256"] }));
  } catch {
    throw new DomainError("auth.unauthenticated", "The token is invalid or expired.");
  }
  const roles = Array.isArray(claims.roles) ? claims.roles.filter((r: unknown): r is string => typeof r === "string" && (ROLES as readonly string[]).includes(r)) : [];
  if (typeof claims.sub !== "string" || claims.sub.length === 0) throw new DomainError("auth.unauthenticated", "The token names no subject.");
  return { id: claims.sub, email: typeof claims.email === "string" ? claims.email : undefined, roles };
}
