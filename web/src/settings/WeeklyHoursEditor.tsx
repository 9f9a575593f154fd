import { useTranslation } from 'react-i18next';
import { useDays } from './dates.ts';
import { type Span, WEEKDAYS, type Weekday, type WeeklyHours } from './types.ts';
import type { FieldErrors } from './ui.tsx';

/** Monday to Friday, 09:00–18:00: where new hours start. */
export const STANDARD_WEEK: WeeklyHours = {
  '1': [['09:00', '18:00']],
  '2': [['09:00', '18:00']],
  '3': [['09:00', '18:00']],
  '4': [['09:00', '18:00']],
  '5': [['09:00', '18:00']],
};

/** A span being edited, with an id of its own so its inputs keep focus when others are removed. */
export type EditableSpan = { id: number; from: string; to: string };
export type EditableHours = Record<Weekday, EditableSpan[]>;

let lastSpanId = 0;
const editable = ([from, to]: Span): EditableSpan => ({ id: ++lastSpanId, from, to });

export function editableHours(hours: WeeklyHours): EditableHours {
  return Object.fromEntries(WEEKDAYS.map((day) => [day, (hours[day] ?? []).map(editable)])) as EditableHours;
}

/** The hours as the API takes them: every weekday, an empty list for a day off. */
export function hoursOf(hours: EditableHours): WeeklyHours {
  return Object.fromEntries(WEEKDAYS.map((day) => [day, hours[day].map((s): Span => [s.from, s.to])]));
}

/** HH:MM from 00:00 to 24:00, as the server's schemas accept. */
export const TIME_PATTERN = '([01][0-9]|2[0-3]):[0-5][0-9]|24:00';

const minutesOf = (clock: string) => {
  const match = /^(\d\d):(\d\d)$/.exec(clock);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
};
const clockOf = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** The next span of a day: 09:00–18:00 on an empty day, else an hour after the last one ends. */
function nextSpan(spans: EditableSpan[]): EditableSpan {
  const last = spans[spans.length - 1];
  const end = last ? minutesOf(last.to) : undefined;
  if (end === undefined) return editable(['09:00', '18:00']);
  const start = Math.min(end + 60, 23 * 60);
  return editable([clockOf(start), clockOf(Math.min(start + 60, 24 * 60))]);
}

/** Working hours per weekday: several spans a day, none for a day off. */
export function WeeklyHoursEditor({
  value,
  onChange,
  maxSpans,
  errors,
  errorPrefix,
  legend,
  idPrefix,
}: {
  value: EditableHours;
  onChange: (hours: EditableHours) => void;
  maxSpans: number;
  errors: FieldErrors;
  /** The name of the hours in the server's invalid_params ("workingHours", "schedule.hours"). */
  errorPrefix: string;
  legend: string;
  idPrefix: string;
}) {
  const { t } = useTranslation();
  const days = useDays();
  const setDay = (day: Weekday, spans: EditableSpan[]) => onChange({ ...value, [day]: spans });
  const setSpan = (day: Weekday, id: number, change: Partial<EditableSpan>) =>
    setDay(
      day,
      value[day].map((s) => (s.id === id ? { ...s, ...change } : s)),
    );
  const errorsOf = (day: Weekday) =>
    Object.entries(errors)
      .filter(([name]) => name === `${errorPrefix}.${day}` || name.startsWith(`${errorPrefix}.${day}.`))
      .map(([, reason]) => reason);

  return (
    <fieldset className="weekly-hours" data-testid={`${idPrefix}-hours`}>
      <legend>{legend}</legend>
      <p className="muted">{t('settings.hours.hint')}</p>
      {days.weekdays.map((day) => {
        const spans = value[day];
        const dayName = days.weekday(day);
        const dayErrors = errorsOf(day);
        return (
          <div key={day} className="weekday-row" data-testid={`${idPrefix}-day-${day}`}>
            <span className="weekday-name" id={`${idPrefix}-day-${day}-name`}>
              {dayName}
            </span>
            <div className="weekday-spans">
              {spans.length === 0 && <span className="muted">{t('settings.hours.dayOff')}</span>}
              {spans.map((span, index) => (
                <span key={span.id} className="span-row">
                  <label className="inline-label">
                    <span className="visually-hidden">
                      {t('settings.hours.fromLabel', { day: dayName, number: index + 1 })}
                    </span>
                    <input
                      className="time-input"
                      inputMode="numeric"
                      pattern={TIME_PATTERN}
                      placeholder="09:00"
                      required
                      maxLength={5}
                      value={span.from}
                      data-testid={`${idPrefix}-from-${day}-${index}`}
                      onChange={(event) => setSpan(day, span.id, { from: event.target.value })}
                    />
                  </label>
                  <span aria-hidden="true">–</span>
                  <label className="inline-label">
                    <span className="visually-hidden">
                      {t('settings.hours.toLabel', { day: dayName, number: index + 1 })}
                    </span>
                    <input
                      className="time-input"
                      inputMode="numeric"
                      pattern={TIME_PATTERN}
                      placeholder="18:00"
                      required
                      maxLength={5}
                      value={span.to}
                      data-testid={`${idPrefix}-to-${day}-${index}`}
                      onChange={(event) => setSpan(day, span.id, { to: event.target.value })}
                    />
                  </label>
                  <button
                    type="button"
                    className="small"
                    aria-label={t('settings.hours.removeLabel', { day: dayName, number: index + 1 })}
                    onClick={() =>
                      setDay(
                        day,
                        spans.filter((s) => s.id !== span.id),
                      )
                    }
                  >
                    ×
                  </button>
                </span>
              ))}
              {spans.length < maxSpans && (
                <button
                  type="button"
                  className="small"
                  data-testid={`${idPrefix}-add-${day}`}
                  aria-label={t('settings.hours.addLabel', { day: dayName })}
                  onClick={() => setDay(day, [...spans, nextSpan(spans)])}
                >
                  {t('settings.hours.add')}
                </button>
              )}
              {dayErrors.map((reason) => (
                <span key={reason} className="error field-error">
                  {reason}
                </span>
              ))}
            </div>
          </div>
        );
      })}
      <div className="actions">
        <button
          type="button"
          className="small"
          onClick={() => {
            const copy = () => value['1'].map((s) => editable([s.from, s.to]));
            onChange({ ...value, '2': copy(), '3': copy(), '4': copy(), '5': copy() });
          }}
        >
          {t('settings.hours.copyMonday')}
        </button>
      </div>
    </fieldset>
  );
}

/** "Mon–Fri 09:00–18:00 · Sat, Sun day off": consecutive days with the same hours grouped. */
export function useHoursSummary() {
  const { t } = useTranslation();
  const days = useDays();
  return (hours: WeeklyHours): string[] => {
    const text = (spans: Span[]) =>
      spans.length === 0 ? t('settings.hours.dayOff') : spans.map(([a, b]) => `${a}–${b}`).join(', ');
    const groups: { from: Weekday; to: Weekday; text: string }[] = [];
    for (const day of days.weekdays) {
      const current = text(hours[day] ?? []);
      const last = groups[groups.length - 1];
      if (last && last.text === current) last.to = day;
      else groups.push({ from: day, to: day, text: current });
    }
    return groups.map((g) =>
      g.from === g.to
        ? `${days.shortWeekday(g.from)}: ${g.text}`
        : `${days.shortWeekday(g.from)}–${days.shortWeekday(g.to)}: ${g.text}`,
    );
  };
}
