import * as v from "valibot";
import { ValidationError, type FieldIssue } from "./error";

/** valibot's own messages ("Invalid type: Expected …") start so; ours are written for people already. */
const GENERATED = /^Invalid /;

const KINDS: Record<string, string> = {
  string: "a string",
  number: "a number",
  boolean: "true or false",
  Object: "a JSON object",
  Array: "a list",
  null: "null",
};

/** `"A" | "B"` (valibot's `expected`) as "one of A, B". */
function expectedOf(issue: v.BaseIssue<unknown>): string {
  const expected = (issue.expected ?? "").replace(/^\((.*)\)$/, "$1");
  if (expected.includes("|") || /^"/.test(expected)) return `one of ${expected.split(" | ").map((e) => e.replace(/^"|"$/g, "")).join(", ")}`;
  return KINDS[expected] ?? expected;
}

/** What a rule of valibot's asks for, in words. */
function ruleOf(issue: v.BaseIssue<unknown>): string {
  const requirement = (issue as { requirement?: unknown }).requirement;
  switch (issue.type) {
    case "strict_object":
    case "object":
    case "loose_object":
      return issue.expected === "never" ? "is not a field of this request" : issue.received === "undefined" ? "is required" : `must be ${expectedOf(issue)}`;
    case "max_length":
      return `must be at most ${requirement} characters long`;
    case "min_length":
      return requirement === 1 ? "must not be empty" : `must be at least ${requirement} characters long`;
    case "max_value":
      return `must be at most ${requirement}`;
    case "min_value":
      return `must be at least ${requirement}`;
    case "integer":
      return "must be a whole number";
    case "finite":
      return "must be a finite number";
    case "email":
      return "must be an e-mail address";
    case "regex":
      return "is not in the expected form";
    default:
      return issue.received === "undefined" ? "is required" : `must be ${expectedOf(issue)}`;
  }
}

/**
 * Each failing field with a message that names it and the rule it broke
 * ("title must be at most 200 characters long", "end_date: must not be before
 * start_date"), never the validator's raw text.
 */
export function toFieldIssues(issues: readonly v.BaseIssue<unknown>[]): FieldIssue[] {
  return issues.map((issue) => {
    const path = v.getDotPath(issue) ?? "";
    const field = path || "The body";
    const message = GENERATED.test(issue.message) ? `${field} ${ruleOf(issue)}` : `${field}: ${issue.message.charAt(0).toLowerCase()}${issue.message.slice(1)}`;
    return { path, message };
  });
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
