import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type LeadDetail, messageOf, patch } from '../api.ts';

const TEMPERATURES = ['hot', 'warm', 'cold'] as const;
const LIFECYCLE_STAGES = ['interest', 'iql', 'eql', 'mql', 'sal', 'sql', 'customer'] as const;
const BANT_KEYS = ['budget', 'authority', 'need', 'timeframe'] as const;

/** Temperature, lifecycle stage and BANT, saved in one PATCH /api/leads/:id/qualification. */
export function QualificationForm({ lead, onSaved }: { lead: LeadDetail; onSaved: () => void }) {
  const { t } = useTranslation();
  const [temperature, setTemperature] = useState(lead.temperature ?? '');
  const [lifecycleStage, setLifecycleStage] = useState(lead.lifecycleStage);
  const [bant, setBant] = useState<Record<string, string>>(() =>
    Object.fromEntries(BANT_KEYS.map((key) => [key, lead.bant[key]?.value ?? ''])),
  );
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  async function save(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    const body: Record<string, unknown> = {
      temperature: temperature || null,
      bant: Object.fromEntries(
        BANT_KEYS.map((key) => [key, bant[key]?.trim() ? { value: bant[key]?.trim() ?? null } : null]),
      ),
    };
    if (lifecycleStage !== lead.lifecycleStage) body.lifecycleStage = lifecycleStage;
    try {
      await patch(`/api/leads/${lead.id}/qualification`, body);
      setMessage({ error: false, text: t('lead.saved') });
      onSaved();
    } catch (failure) {
      setMessage({ error: true, text: messageOf(failure) });
    }
  }

  return (
    <section className="card" aria-labelledby="qualification-title">
      <h2 id="qualification-title">{t('lead.qualification')}</h2>
      <form onSubmit={save} className="stack" data-testid="qualification-form">
        <label>
          {t('lead.temperature')}
          <select
            value={temperature}
            onChange={(event) => setTemperature(event.target.value as typeof temperature)}
          >
            <option value="">—</option>
            {TEMPERATURES.map((value) => (
              <option key={value} value={value}>
                {t(`temperature.${value}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('lead.lifecycle')}
          <select value={lifecycleStage} onChange={(event) => setLifecycleStage(event.target.value)}>
            {LIFECYCLE_STAGES.map((value) => (
              <option key={value} value={value}>
                {t(`lifecycle.${value}`)}
              </option>
            ))}
          </select>
        </label>
        <fieldset>
          <legend>{t('lead.bant')}</legend>
          {BANT_KEYS.map((key) => (
            <label key={key}>
              {t(`bant.${key}`)}
              <input
                name={`bant-${key}`}
                value={bant[key] ?? ''}
                maxLength={500}
                onChange={(event) => setBant((before) => ({ ...before, [key]: event.target.value }))}
              />
            </label>
          ))}
        </fieldset>
        {message && (
          <p className={message.error ? 'error' : 'notice'} role={message.error ? 'alert' : 'status'}>
            {message.text}
          </p>
        )}
        <button type="submit">{t('lead.saveQualification')}</button>
      </form>
    </section>
  );
}
