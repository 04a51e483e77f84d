import { useId, useRef, type ReactNode, type RefObject } from "react";

/**
 * A dialog that says what an act will do before it is done: for acts that
 * reach the client or cannot be undone. The native modal dialog keeps focus
 * inside and closes on Escape; only its own button does the act.
 */
export function ConfirmDialog({
  dialog,
  title,
  confirm,
  onConfirm,
  danger,
  children,
}: {
  dialog: RefObject<HTMLDialogElement | null>;
  title: string;
  /** The label of the button that does it. */
  confirm: string;
  onConfirm: () => void;
  danger?: boolean;
  /** What will happen, in words (and any last input, such as a comment). */
  children: ReactNode;
}) {
  const titleId = useId();
  const close = () => dialog.current?.close();
  return (
    <dialog ref={dialog} aria-labelledby={titleId} className="confirm">
      <h2 id={titleId}>{title}</h2>
      {children}
      <div className="actions">
        <button
          type="button"
          className={danger ? "danger" : "primary"}
          onClick={() => {
            close();
            onConfirm();
          }}
        >
          {confirm}
        </button>
        <button type="button" onClick={close}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}

/** A button that opens a `ConfirmDialog`. */
export function Confirm({
  open: openLabel,
  name,
  disabled,
  ...dialogProps
}: Omit<Parameters<typeof ConfirmDialog>[0], "dialog"> & {
  /** The visible label of the button that opens the dialog. */
  open: string;
  /** The button's accessible name, when the label alone is ambiguous on the page. */
  name?: string;
  disabled?: boolean;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <>
      <button type="button" className={dialogProps.danger ? "danger" : undefined} disabled={disabled} aria-label={name} onClick={() => dialog.current?.showModal()}>
        {openLabel}
      </button>
      <ConfirmDialog dialog={dialog} {...dialogProps} />
    </>
  );
}
