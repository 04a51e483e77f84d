import type { MiddlewareHandler } from "hono";
import type { GenericSchema } from "valibot";
import { can, DomainError, type Capability } from "@testex/core";
import { parse } from "@testex/core/validation";
import type { AppEnv } from "./types";

/** What one route does, who may call it, and the schemas of what goes in and out. */
export interface OperationSpec {
  summary: string;
  description?: string;
  /** The capability the caller needs; "public" routes need no token. */
  access: Capability | "public";
  /** Tag in the API document (the resource). */
  tag: string;
  params?: GenericSchema;
  query?: GenericSchema;
  body?: GenericSchema;
  /** Success responses by status; `null` for an empty body. */
  responses: Record<number, GenericSchema | null>;
  /** Media type of the success responses, when not JSON (e.g. the docs page). */
  mediaType?: string;
  /** Domain error codes this route can answer with, beyond the ones every route has. */
  errors?: readonly string[];
}

/**
 * Every route starts with `operation({...})`: at run time it enforces `access`
 * and checks the path parameters against `params` (so no malformed id ever
 * reaches DynamoDB); the spec it carries is read at build time to generate the
 * OpenAPI document, so the document cannot drift from the routes.
 */
export function operation(spec: OperationSpec): MiddlewareHandler<AppEnv> & { spec: OperationSpec } {
  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (spec.access !== "public" && !can(c.get("actor"), spec.access)) {
      throw new DomainError("auth.forbidden", `This needs the "${spec.access}" permission, which your role does not grant.`);
    }
    if (spec.params) parse(spec.params, c.req.param());
    await next();
  };
  return Object.assign(middleware, { spec });
}
