import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRole } from '../session.tsx';
import { put, useChannels, useRoutingSettings } from './data.ts';
import { HolidaysEditor } from './HolidaysEditor.tsx';
import { TimeZoneField } from './TimeZoneField.tsx';
import {
  MAX_SCHEDULE_SPANS,
  MAX_SLA_MINUTES,
  ROUTING_MODES,
  type RoutingMode,
  type RoutingSettings,
  RULES_FALLBACKS,
  type RulesFallback,
} from './types.ts';
import { FieldError, type FieldErrors, fieldErrorsOf, HintedCheckbox, Loading, Problem } from './ui.tsx';
import { VisibilityCard } from './VisibilityCard.tsx';
import { type EditableHours, editableHours, hoursOf, WeeklyHoursEditor } from './WeeklyHoursEditor.tsx';
import './settings.css';

/** The form's copy of the settings: numbers as typed, hours with ids. */
type Draft = Omit<RoutingSettings, 'slaMinutes' | 'channelSlaMinutes' | 'schedule'> & {
  slaMinutes: string;
  channelSlaMinutes: Record<string, string>;
  timeZone: string;
  hours: EditableHours;
  holidays: string[];
};

const draftOf = (s: RoutingSettings): Draft => ({
  defaultMode: s.defaultMode,
  channelModes: { ...s.channelModes },
  rulesFallback: s.rulesFallback,
  slaMinutes: String(s.slaMinutes),
  channelSlaMinutes: Object.fromEntries(
    Object.entries(s.channelSlaMinutes).map(([id, m]) => [id, String(m)]),
  ),
  autoReassignOnMissedSla: s.autoReassignOnMissedSla,
  escalateOnMissedSla: s.escalateOnMissedSla,
  timeZone: s.schedule.timeZone,
  hours: editableHours(s.schedule.hours),
  holidays: [...s.schedule.holidays],
});

const settingsOf = (d: Draft): RoutingSettings => ({
  defaultMode: d.defaultMode,
  channelModes: d.channelModes,
  rulesFallback: d.rulesFallback,
  slaMinutes: Number(d.slaMinutes),
  // An empty box means "the default deadline": the channel has no entry of its own.
  channelSlaMinutes: Object.fromEntries(
    Object.entries(d.channelSlaMinutes)
      .filter(([, m]) => m.trim() !== '')
      .map(([id, m]) => [id, Number(m)]),
  ),
  autoReassignOnMissedSla: d.autoReassignOnMissedSla,
  escalateOnMissedSla: d.escalateOnMissedSla,
  schedule: { timeZone: d.timeZone.trim(), hours: hoursOf(d.hours), holidays: d.holidays },
});

/** How new leads are distributed, the first-response deadline, default working hours, visibility. */
export function RoutingSettingsPage() {
  const { t } = useTranslation();
  const { isHead } = useRole();
  const routing = useRoutingSettings();
  const channels = useChannels();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [fields, setFields] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    if (routing.data) setDraft(draftOf(routing.data));
  }, [routing.data]);

  const set = (change: Partial<Draft>) => setDraft((d) => (d ? { ...d, ...change } : d));

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!draft) return;
    setBusy(true);
    setError(null);
    setFields({});
    setNotice(null);
    try {
      routing.setData(await put<RoutingSettings>('/api/settings/routing', settingsOf(draft)));
      setNotice(t('settings.routing.saved'));
    } catch (failure) {
      setError(failure);
      setFields(fieldErrorsOf(failure));
    } finally {
      setBusy(false);
    }
  }

  const channelList = channels.data?.items ?? [];
  return (
    <section aria-labelledby="routing-title" className="settings-section">
      <h1 id="routing-title">{t('settings.routing.title')}</h1>
      {!isHead && <p className="muted">{t('settings.routing.readOnly')}</p>}
      {routing.loading && !routing.data && <Loading />}
      <Problem error={routing.error} />
      {draft && (
        <form onSubmit={save} data-testid="routing-form">
          <fieldset disabled={!isHead} className="bare stack">
            <legend className="visually-hidden">{t('settings.routing.title')}</legend>
            <fieldset className="card">
              <legend>{t('settings.routing.defaultMode')}</legend>
              {ROUTING_MODES.map((mode) => (
                <label key={mode} className="checkbox radio-option">
                  <input
                    type="radio"
                    name="defaultMode"
                    value={mode}
                    checked={draft.defaultMode === mode}
                    onChange={() => set({ defaultMode: mode })}
                    data-testid={`routing-mode-${mode}`}
                  />
                  <span>
                    {t(`settings.routing.modes.${mode}`)}
                    <span className="muted block">{t(`settings.routing.modeHints.${mode}`)}</span>
                  </span>
                </label>
              ))}
              <label>
                {t('settings.routing.rulesFallback')}
                <select
                  value={draft.rulesFallback}
                  onChange={(event) => set({ rulesFallback: event.target.value as RulesFallback })}
                  data-testid="routing-fallback"
                >
                  {RULES_FALLBACKS.map((mode) => (
                    <option key={mode} value={mode}>
                      {t(`settings.routing.modes.${mode}`)}
                    </option>
                  ))}
                </select>
                <span className="muted">{t('settings.routing.rulesFallbackHint')}</span>
              </label>
            </fieldset>

            <fieldset className="card">
              <legend>{t('settings.routing.sla')}</legend>
              <label>
                {t('settings.routing.slaMinutes')}
                <input
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={MAX_SLA_MINUTES}
                  step={1}
                  required
                  value={draft.slaMinutes}
                  onChange={(event) => set({ slaMinutes: event.target.value })}
                  className="number-input"
                  data-testid="routing-sla"
                />
                <span className="muted">{t('settings.routing.slaHint')}</span>
                <FieldError errors={fields} name="slaMinutes" />
              </label>
              <HintedCheckbox
                label={t('settings.routing.reassign')}
                hint={t('settings.routing.reassignHint')}
                checked={draft.autoReassignOnMissedSla}
                onChange={(checked) => set({ autoReassignOnMissedSla: checked })}
                testId="routing-reassign"
              />
              <HintedCheckbox
                label={t('settings.routing.escalate')}
                hint={t('settings.routing.escalateHint')}
                checked={draft.escalateOnMissedSla}
                onChange={(checked) => set({ escalateOnMissedSla: checked })}
                testId="routing-escalate"
              />
            </fieldset>

            <section className="card" aria-labelledby="routing-channels-title">
              <h2 id="routing-channels-title">{t('settings.routing.channels')}</h2>
              <p className="muted">{t('settings.routing.channelsHint')}</p>
              <Problem error={channels.error} />
              {channels.data && channelList.length === 0 && (
                <p className="muted">{t('settings.routing.noChannels')}</p>
              )}
              {channelList.length > 0 && (
                <div className="table-wrap">
                  <table className="compact" data-testid="routing-channels">
                    <thead>
                      <tr>
                        <th scope="col">{t('settings.routing.channel')}</th>
                        <th scope="col">{t('settings.routing.mode')}</th>
                        <th scope="col">{t('settings.routing.channelSla')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {channelList.map((channel) => (
                        <tr key={channel.id} data-testid="routing-channel-row">
                          <th scope="row">{channel.name}</th>
                          <td>
                            <select
                              aria-label={t('settings.routing.modeOf', { name: channel.name })}
                              value={draft.channelModes[channel.id] ?? ''}
                              onChange={(event) => {
                                const { [channel.id]: _, ...rest } = draft.channelModes;
                                const mode = event.target.value as RoutingMode | '';
                                set({ channelModes: mode ? { ...rest, [channel.id]: mode } : rest });
                              }}
                            >
                              <option value="">
                                {t('settings.routing.asDefault', {
                                  mode: t(`settings.routing.modes.${draft.defaultMode}`),
                                })}
                              </option>
                              {ROUTING_MODES.map((mode) => (
                                <option key={mode} value={mode}>
                                  {t(`settings.routing.modes.${mode}`)}
                                </option>
                              ))}
                            </select>
                          </td>
                          <td>
                            <input
                              type="number"
                              inputMode="numeric"
                              className="number-input"
                              min={1}
                              max={MAX_SLA_MINUTES}
                              step={1}
                              aria-label={t('settings.routing.slaOf', { name: channel.name })}
                              placeholder={draft.slaMinutes}
                              value={draft.channelSlaMinutes[channel.id] ?? ''}
                              onChange={(event) =>
                                set({
                                  channelSlaMinutes: {
                                    ...draft.channelSlaMinutes,
                                    [channel.id]: event.target.value,
                                  },
                                })
                              }
                            />
                            <FieldError errors={fields} name={`channelSlaMinutes.${channel.id}`} />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </section>

            <section className="card stack" aria-labelledby="routing-schedule-title">
              <h2 id="routing-schedule-title">{t('settings.routing.schedule')}</h2>
              <p className="muted">{t('settings.routing.scheduleHint')}</p>
              <TimeZoneField
                value={draft.timeZone}
                onChange={(timeZone) => set({ timeZone })}
                errors={fields}
                errorName="schedule.timeZone"
                testId="routing-timezone"
              />
              <WeeklyHoursEditor
                value={draft.hours}
                onChange={(hours) => set({ hours })}
                maxSpans={MAX_SCHEDULE_SPANS}
                errors={fields}
                errorPrefix="schedule.hours"
                legend={t('settings.routing.hours')}
                idPrefix="routing"
              />
              <HolidaysEditor
                value={draft.holidays}
                onChange={(holidays) => set({ holidays })}
                errors={fields}
                errorPrefix="schedule.holidays"
                idPrefix="routing"
              />
            </section>

            <Problem error={error} />
            {notice && (
              <p className="notice" role="status" data-testid="routing-notice">
                {notice}
              </p>
            )}
            <div className="actions">
              <button type="submit" className="primary" disabled={busy} data-testid="routing-save">
                {t('settings.common.save')}
              </button>
              <button
                type="button"
                onClick={() => {
                  if (routing.data) setDraft(draftOf(routing.data));
                  setError(null);
                  setFields({});
                  setNotice(null);
                }}
              >
                {t('settings.common.discard')}
              </button>
            </div>
          </fieldset>
        </form>
      )}
      <VisibilityCard />
    </section>
  );
}
