import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldError, type FieldErrors } from './ui.tsx';

/** The browser's own time zone, the natural default for new hours. */
export const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'Europe/Moscow';

/** IANA names the browser knows, suggested while typing (the server checks the name itself). */
const ZONES: string[] = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
})();

const knownZone = (name: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
};

export function TimeZoneField({
  value,
  onChange,
  errors,
  errorName,
  testId,
}: {
  value: string;
  onChange: (zone: string) => void;
  errors: FieldErrors;
  errorName: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const listId = useId();
  const hintId = useId();
  return (
    <label>
      {t('settings.timeZone.label')}
      <input
        value={value}
        list={listId}
        required
        maxLength={100}
        autoComplete="off"
        spellCheck={false}
        data-testid={testId}
        aria-describedby={hintId}
        onChange={(event) => {
          const zone = event.target.value;
          event.target.setCustomValidity(!zone || knownZone(zone) ? '' : t('settings.timeZone.invalid'));
          onChange(zone);
        }}
      />
      <datalist id={listId}>
        {ZONES.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      <span className="muted" id={hintId}>
        {t('settings.timeZone.hint')}
      </span>
      <FieldError errors={errors} name={errorName} />
    </label>
  );
}
