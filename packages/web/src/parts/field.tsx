import { useId, type ReactNode } from "react";

/** A labelled control: the label names the control for screen readers and tests alike. */
export function Field({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </div>
  );
}
