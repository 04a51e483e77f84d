import * as v from "valibot";
import { ValidationError, type FieldIssue } from "./error";

export function toFieldIssues(issues: readonly v.BaseIssue<unknown>[]): FieldIssue[] {
  return issues.map((issue) => ({
    path: v.getDotPath(issue) ?? "",
    message: issue.message,
  }));
}

/** Parse untrusted input once, at the boundary; throws a ValidationError naming every failing field. */
export function parse<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, input, { abortEarly: false });
  if (!result.success) throw new ValidationError(toFieldIssues(result.issues));
  return result.output;
}

/**
 * An operation that validates its input with `schema` before it runs. The
 * schema stays attached so the API and the OpenAPI document reuse it.
 */
export function operation<S extends v.GenericSchema, R>(
  schema: S,
  run: (input: v.InferOutput<S>) => Promise<R>,
): ((input: v.InferInput<S>) => Promise<R>) & { schema: S } {
  const op = (input: v.InferInput<S>) => run(parse(schema, input));
  return Object.assign(op, { schema });
}
