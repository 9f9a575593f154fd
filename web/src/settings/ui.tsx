import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { messageOf } from '../api.ts';
import { isForbidden } from '../components/formParts.tsx';

export {
  ConfirmButton,
  FieldError,
  type FieldErrors,
  fieldErrorsOf,
  Loading,
} from '../components/formParts.tsx';

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

/** A setting switched on or off, with a line saying what it does. */
export function HintedCheckbox({
  label,
  hint,
  checked,
  onChange,
  name,
  testId,
}: {
  label: string;
  hint: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  name?: string;
  testId?: string;
}) {
  return (
    <label className="checkbox">
      <input
        type="checkbox"
        name={name}
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
        data-testid={testId}
      />
      <span>
        {label}
        <span className="muted block">{hint}</span>
      </span>
    </label>
  );
}
