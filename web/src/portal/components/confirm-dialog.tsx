/** A small modal question (works in in-app browsers without <dialog>), with focus kept inside. */
import { type ReactNode, useEffect, useRef } from 'react';

export type ConfirmDialogProps = {
  title: string;
  body: ReactNode;
  confirm: string;
  cancel: string;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
};

export function ConfirmDialog({ title, body, confirm, cancel, busy, onConfirm, onCancel }: ConfirmDialogProps) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  const previous = useRef<Element | null>(null);
  useEffect(() => {
    previous.current = document.activeElement;
    cancelRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onCancel();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      (previous.current as HTMLElement | null)?.focus?.();
    };
  }, [onCancel]);
  return (
    <div className="pt-modal-backdrop">
      <div className="pt-modal" role="alertdialog" aria-modal="true" aria-labelledby="confirm-title" aria-describedby="confirm-body">
        <h2 id="confirm-title">{title}</h2>
        <div id="confirm-body" className="pt-muted">
          {body}
        </div>
        <div className="pt-modal-actions">
          <button ref={cancelRef} type="button" className="pt-button pt-button-ghost" onClick={onCancel}>
            {cancel}
          </button>
          <button type="button" className="pt-button pt-button-danger" onClick={onConfirm} disabled={busy}>
            {confirm}
          </button>
        </div>
      </div>
    </div>
  );
}
