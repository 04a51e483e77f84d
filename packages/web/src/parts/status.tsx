import type { ReactNode } from "react";
import { ProblemError } from "../api";

export function Loading({ what }: { what: string }) {
  return (
    <p role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

/** What went wrong, in the API's words: its problem detail and, for invalid input, each field. */
export function ErrorMessage({ error }: { error: unknown }) {
  if (!error) return null;
  if (error instanceof ProblemError) {
    const fields = (error.problem as { errors?: { path: string; message: string }[] }).errors ?? [];
    return (
      <div role="alert" className="error">
        <p>{error.problem.detail ?? error.problem.title}</p>
        {fields.length > 0 && (
          <ul>
            {fields.map((field) => (
              <li key={field.path}>
                {field.path}: {field.message}
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  }
  return (
    <div role="alert" className="error">
      <p>{error instanceof Error ? error.message : String(error)}</p>
    </div>
  );
}

/** A query's three states: why it failed, that it is loading, or what it found. */
export function Loaded<T>({
  query,
  what,
  children,
}: {
  query: { error: unknown; data: T | undefined };
  what: string;
  children: (data: T) => ReactNode;
}) {
  if (query.error) return <ErrorMessage error={query.error} />;
  if (query.data === undefined) return <Loading what={what} />;
  return <>{children(query.data)}</>;
}
