import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.ts';

// Parts of the settings and rules forms: the server's reasons by field, loading, ask-then-act.

export const isForbidden = (error: unknown) => error instanceof ApiError && error.status === 403;

/** Field name (as the server's invalid_params name it) to the reason the server gave. */
export type FieldErrors = Record<string, string>;

export function fieldErrorsOf(error: unknown): FieldErrors {
  if (!(error instanceof ApiError)) return {};
  return Object.fromEntries((error.problem.invalid_params ?? []).map((p) => [p.name, p.reason]));
}

/** The server's reason for one field, tied to its input by `id` (use it in aria-describedby). */
export function FieldError({ errors, name, id }: { errors: FieldErrors; name: string; id?: string }) {
  const reason = errors[name];
  if (!reason) return null;
  return (
    <span className="error field-error" id={id} data-testid={`field-error-${name}`}>
      {reason}
    </span>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="muted" role="status">
      {t('common.loading')}
    </p>
  );
}

/**
 * A destructive button that asks first, in place: the first press shows the question with a
 * confirming and a cancelling button (focus moves to the confirming one), the second acts.
 */
export function ConfirmButton({
  label,
  question,
  confirmLabel,
  onConfirm,
  testId,
  disabled,
  ariaLabel,
}: {
  label: string;
  question: string;
  confirmLabel: string;
  onConfirm: () => Promise<void> | void;
  testId?: string;
  disabled?: boolean;
  ariaLabel?: string;
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const askRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  const questionId = useId();

  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (wasAsking.current) askRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (!asking) {
    return (
      <button
        type="button"
        ref={askRef}
        onClick={() => setAsking(true)}
        data-testid={testId}
        disabled={disabled}
        aria-label={ariaLabel}
      >
        {label}
      </button>
    );
  }
  return (
    <span className="confirm-inline">
      <span className="warning" id={questionId}>
        {question}
      </span>
      <button
        type="button"
        ref={confirmRef}
        aria-describedby={questionId}
        className="danger"
        disabled={busy}
        data-testid={testId ? `${testId}-confirm` : undefined}
        onClick={async () => {
          setBusy(true);
          try {
            await onConfirm();
          } finally {
            setBusy(false);
            setAsking(false);
          }
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        {t('common.cancel')}
      </button>
    </span>
  );
}
