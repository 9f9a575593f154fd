import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { messageOf } from '../api.ts';
import { Dialog } from '../components/Dialog.tsx';

/** Asks before a destructive action; shows the server's error when the action fails. */
export function ConfirmDialog({
  title,
  text,
  confirmLabel,
  onConfirm,
  onClose,
}: {
  title: string;
  text: string;
  confirmLabel: string;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Dialog title={title} onClose={onClose} testId="confirm-dialog">
      <p>{text}</p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {/* Cancel comes first, so the focus the dialog opens with is on the safe choice. */}
      <div className="actions">
        <button type="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button
          type="button"
          className="primary danger"
          disabled={busy}
          data-testid="confirm-yes"
          onClick={() => {
            setBusy(true);
            onConfirm()
              .then(onClose)
              .catch((failure: unknown) => {
                setError(messageOf(failure));
                setBusy(false);
              });
          }}
        >
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
