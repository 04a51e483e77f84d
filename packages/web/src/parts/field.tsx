import { useId, type ReactNode } from "react";

/**
 * The one labelled control of the console: the label names the control for
 * screen readers and tests alike, and a hint, when given, describes it
 * (`aria-describedby` is the second argument).
 */
export function Field({ label, hint, children }: { label: string; hint?: ReactNode; children: (id: string, hintId?: string) => ReactNode }) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id, hint ? hintId : undefined)}
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
    </div>
  );
}
