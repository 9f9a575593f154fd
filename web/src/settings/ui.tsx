import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, messageOf } from '../api.ts';
import { isForbidden } from './data.ts';

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

/** A failed load or save: a permission message for a 403, the server's problem otherwise. */
export function Problem({ error, forbidden }: { error: unknown; forbidden?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  if (isForbidden(error)) {
    return (
      <p className="error" role="alert" data-testid="settings-forbidden">
        {forbidden ?? t('settings.common.forbidden')}
      </p>
    );
  }
  return (
    <p className="error" role="alert" data-testid="settings-error">
      {messageOf(error)}
    </p>
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
}: {
  label: string;
  question: string;
  confirmLabel: string;
  onConfirm: () => Promise<void> | void;
  testId?: string;
  disabled?: boolean;
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

/** A secret shown once: read-only, selectable, with a copy button that says when it copied. */
export function SecretField({ label, value, testId }: { label: string; value: string; testId?: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<boolean | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  return (
    <div className="secret-field">
      <label>
        {label}
        <input
          ref={inputRef}
          readOnly
          value={value}
          data-testid={testId}
          onFocus={(event) => event.target.select()}
        />
      </label>
      <button
        type="button"
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(value);
            setCopied(true);
          } catch {
            // No clipboard (plain http, denied): leave it selected for Ctrl+C.
            inputRef.current?.select();
            setCopied(false);
          }
        }}
      >
        {t('settings.common.copy')}
      </button>
      <span className="muted" role="status">
        {copied === true && t('settings.common.copied')}
        {copied === false && t('settings.common.copyManually')}
      </span>
    </div>
  );
}
