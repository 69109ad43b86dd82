import { useEffect, useId, useRef, type ReactNode } from 'react';

import { Button } from './button';
import styles from './ui.module.css';

interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** Rendered while the dialog is open; on close the dialog unmounts. */
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
  /** Shown inside the dialog, e.g. the server's reason for refusing. */
  error?: ReactNode;
}

/**
 * A modal confirmation on the native <dialog>: showModal() makes the rest of the page
 * inert, keeps focus inside and closes on Escape, with no focus-trap code of our own.
 * Focus starts on Cancel, so an accidental Enter does not destroy anything.
 */
export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onCancel, busy = false, error }: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) {
      dialog.showModal();
      cancelRef.current?.focus();
    }
    return () => dialog?.close();
  }, []);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      className={styles.dialog}
      // Escape fires "cancel"; the parent decides what closing means.
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) {
          onCancel();
        }
      }}
    >
      <h2 id={titleId} className={styles.dialogTitle}>
        {title}
      </h2>
      <div className={styles.dialogBody}>{children}</div>
      {error}
      <div className={styles.actions}>
        <Button ref={cancelRef} onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
        <Button variant="danger" onClick={onConfirm} busy={busy}>
          {confirmLabel}
        </Button>
      </div>
    </dialog>
  );
}
