import { useTranslation } from 'react-i18next';
import { PERIOD_PRESETS, type PeriodPreset, presetRange } from './dates.ts';

/** From and to days with quick presets (last 7/30/90 days, this month…). */
export function PeriodPicker({
  from,
  to,
  onChange,
}: {
  from: string;
  to: string;
  onChange: (range: { from: string; to: string }) => void;
}) {
  const { t } = useTranslation();
  const preset = PERIOD_PRESETS.find((p) => {
    const range = presetRange(p);
    return range.from === from && range.to === to;
  });
  return (
    <>
      <label>
        {t('marketing.period.preset')}
        <select
          value={preset ?? ''}
          onChange={(event) => {
            if (event.target.value) onChange(presetRange(event.target.value as PeriodPreset));
          }}
          data-testid="period-preset"
        >
          <option value="">{t('marketing.period.custom')}</option>
          {PERIOD_PRESETS.map((p) => (
            <option key={p} value={p}>
              {t(`marketing.period.presets.${p}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('marketing.period.from')}
        <input
          type="date"
          value={from}
          max={to}
          required
          onChange={(event) => event.target.value && onChange({ from: event.target.value, to })}
          data-testid="period-from"
        />
      </label>
      <label>
        {t('marketing.period.to')}
        <input
          type="date"
          value={to}
          min={from}
          required
          onChange={(event) => event.target.value && onChange({ from, to: event.target.value })}
          data-testid="period-to"
        />
      </label>
    </>
  );
}
