import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { messageOf } from '../api.ts';
import { isForbidden } from '../components/formParts.tsx';

export { ConfirmButton, FieldError, Loading } from '../components/formParts.tsx';

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
