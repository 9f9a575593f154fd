import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { messageOf } from '../api.ts';
import { type FieldErrors, isForbidden } from './data.ts';

/** The server's reason for one field; `id` ties it to the input through aria-describedby. */
export function FieldError({ errors, name, id }: { errors: FieldErrors; name: string; id?: string }) {
  const reason = errors[name];
  if (!reason) return null;
  return (
    <span className="error rules-field-error" id={id} data-testid={`field-error-${name}`}>
      {reason}
    </span>
  );
}

/** A failed load or save: a permission message for a 403, the server's problem otherwise. */
export function Problem({ error, forbidden }: { error: unknown; forbidden?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p className="error" role="alert" data-testid="rules-error">
      {isForbidden(error) ? (forbidden ?? t('rules.common.forbidden')) : messageOf(error)}
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
  ariaLabel,
}: {
  label: string;
  question: string;
  confirmLabel: string;
  onConfirm: () => Promise<void> | void;
  testId?: string;
  ariaLabel?: string;
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const askRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);

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
        aria-label={ariaLabel}
      >
        {label}
      </button>
    );
  }
  return (
    <span className="rules-confirm">
      <span className="warning">{question}</span>
      <button
        type="button"
        ref={confirmRef}
        className="rules-danger"
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

/**
 * "Move up" and "Move down" buttons for an item of an ordered list (plain buttons: keyboard usable).
 * When the item reaches an end its button is disabled, so focus goes to the other one, not the page.
 */
export function MoveButtons({
  index,
  count,
  name,
  onMove,
  disabled,
  testId,
}: {
  index: number;
  count: number;
  name: string;
  onMove: (from: number, to: number) => void;
  disabled?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const upRef = useRef<HTMLButtonElement>(null);
  const downRef = useRef<HTMLButtonElement>(null);
  const move = (to: number) => {
    onMove(index, to);
    if (to === 0) requestAnimationFrame(() => downRef.current?.focus());
    if (to === count - 1) requestAnimationFrame(() => upRef.current?.focus());
  };
  return (
    <span className="rules-move">
      <button
        type="button"
        ref={upRef}
        disabled={disabled || index === 0}
        aria-label={t('rules.common.moveUpNamed', { name })}
        title={t('rules.common.moveUp')}
        data-testid={testId ? `${testId}-up` : undefined}
        onClick={() => move(index - 1)}
      >
        ↑
      </button>
      <button
        type="button"
        ref={downRef}
        disabled={disabled || index === count - 1}
        aria-label={t('rules.common.moveDownNamed', { name })}
        title={t('rules.common.moveDown')}
        data-testid={testId ? `${testId}-down` : undefined}
        onClick={() => move(index + 1)}
      >
        ↓
      </button>
    </span>
  );
}

/** `list` with the item at `from` moved to `to`. */
export function moved<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
}

/** The label of a {en, ru} pair in the UI language. */
export function useLocalized() {
  const { i18n } = useTranslation();
  return (text: { en: string; ru: string }) => (i18n.language === 'ru' ? text.ru || text.en : text.en);
}
