import { type KeyboardEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDays } from './dates.ts';
import type { FieldErrors } from './ui.tsx';

/** Days off on top of the week (YYYY-MM-DD), kept sorted and unique. */
export function HolidaysEditor({
  value,
  onChange,
  errors,
  errorPrefix,
  idPrefix,
}: {
  value: string[];
  onChange: (days: string[]) => void;
  errors: FieldErrors;
  errorPrefix: string;
  idPrefix: string;
}) {
  const { t } = useTranslation();
  const days = useDays();
  const [day, setDay] = useState('');
  const problems = Object.entries(errors).filter(
    ([name]) => name === errorPrefix || name.startsWith(`${errorPrefix}.`),
  );

  function add() {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return;
    onChange([...new Set([...value, day])].sort());
    setDay('');
  }

  return (
    <fieldset className="holidays" data-testid={`${idPrefix}-holidays`}>
      <legend>{t('settings.holidays.legend')}</legend>
      {value.length === 0 ? (
        <p className="muted">{t('settings.holidays.none')}</p>
      ) : (
        <ul className="plain chips">
          {value.map((holiday) => (
            <li key={holiday} className="chip" data-testid={`${idPrefix}-holiday`}>
              {days.day(holiday)}
              <button
                type="button"
                className="small"
                aria-label={t('settings.holidays.removeLabel', { day: days.day(holiday) })}
                onClick={() => onChange(value.filter((d) => d !== holiday))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="inline-form">
        <label>
          {t('settings.holidays.day')}
          <input
            type="date"
            value={day}
            data-testid={`${idPrefix}-holiday-input`}
            onChange={(event) => setDay(event.target.value)}
            onKeyDown={(event: KeyboardEvent) => {
              // Enter adds the day here rather than submitting the whole form.
              if (event.key === 'Enter') {
                event.preventDefault();
                add();
              }
            }}
          />
        </label>
        <button type="button" onClick={add} disabled={!day} data-testid={`${idPrefix}-holiday-add`}>
          {t('settings.holidays.add')}
        </button>
      </div>
      {problems.map(([name, reason]) => (
        <span key={name} className="error field-error">
          {reason}
        </span>
      ))}
    </fieldset>
  );
}
