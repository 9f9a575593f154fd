import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, post } from '../api.ts';
import { Dialog } from '../components/Dialog.tsx';
import { decimalOf } from './CampaignForm.tsx';
import { today } from './dates.ts';
import { Field } from './Field.tsx';
import { FormError, type FormProblem, formProblemOf, reasonFor } from './problems.tsx';
import type { Campaign, DailyStat } from './types.ts';

export type StatFormMode =
  | { kind: 'add' }
  | { kind: 'edit'; row: DailyStat }
  | { kind: 'correction'; day: string };

const COUNTS = ['impressions', 'clicks', 'actions'] as const;

/** A day of traffic and spend: added, changed, or a correction added to a day. */
export function StatForm({
  campaign,
  mode,
  onSaved,
  onClose,
}: {
  campaign: Campaign;
  mode: StatFormMode;
  /** Called with the day saved. */
  onSaved: (day: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const row = mode.kind === 'edit' ? mode.row : null;
  const [day, setDay] = useState(row?.day ?? (mode.kind === 'correction' ? mode.day : today()));
  const [counts, setCounts] = useState<Record<(typeof COUNTS)[number], string>>({
    impressions: row ? String(row.impressions) : '',
    clicks: row ? String(row.clicks) : '',
    actions: row ? String(row.actions) : '',
  });
  const [spend, setSpend] = useState(row?.spend ?? '');
  const [currency, setCurrency] = useState(row?.currency ?? campaign.currency);
  const [note, setNote] = useState(row?.note ?? '');
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    const numbers = Object.fromEntries(
      COUNTS.filter((name) => counts[name].trim() !== '' || row).map((name) => [
        name,
        Number(counts[name].trim() || '0'),
      ]),
    );
    const body = {
      day,
      ...numbers,
      spend: decimalOf(spend),
      currency: currency.trim().toUpperCase(),
      ...(row ? { note: note.trim() || null } : note.trim() ? { note: note.trim() } : {}),
    };
    try {
      if (row) await api('PATCH', `/api/campaigns/${campaign.id}/stats/${row.id}`, body);
      else await post(`/api/campaigns/${campaign.id}/stats`, body);
      onSaved(day);
    } catch (failure) {
      setProblem(formProblemOf(failure));
      setBusy(false);
    }
  }

  const reason = (name: string) => reasonFor(problem, name);
  const title =
    mode.kind === 'edit'
      ? t('marketing.stats.editTitle')
      : mode.kind === 'correction'
        ? t('marketing.stats.correctionTitle')
        : t('marketing.stats.addTitle');

  return (
    <Dialog title={title} onClose={onClose} testId="stat-dialog">
      <form className="stack" onSubmit={(event) => void submit(event)}>
        {mode.kind === 'correction' && <p className="muted">{t('marketing.stats.correctionHint')}</p>}
        {row?.source === 'import' && <p className="muted">{t('marketing.stats.importedRowHint')}</p>}
        <FormError problem={problem} />
        <Field label={t('marketing.stats.day')} reason={reason('day')}>
          {(control) => (
            <input
              {...control}
              type="date"
              name="day"
              value={day}
              required
              onChange={(event) => setDay(event.target.value)}
            />
          )}
        </Field>
        <div className="form-grid">
          {COUNTS.map((name) => (
            <Field key={name} label={t(`marketing.stats.${name}`)} reason={reason(name)}>
              {(control) => (
                <input
                  {...control}
                  type="number"
                  name={name}
                  min={0}
                  step={1}
                  inputMode="numeric"
                  value={counts[name]}
                  onChange={(event) => setCounts((before) => ({ ...before, [name]: event.target.value }))}
                />
              )}
            </Field>
          ))}
          <Field
            label={t('marketing.stats.spend')}
            hint={t('marketing.stats.spendHint')}
            reason={reason('spend')}
          >
            {(control) => (
              <input
                {...control}
                name="spend"
                inputMode="decimal"
                value={spend}
                onChange={(event) => setSpend(event.target.value)}
              />
            )}
          </Field>
          <Field label={t('marketing.stats.currency')} reason={reason('currency')}>
            {(control) => (
              <input
                {...control}
                name="currency"
                value={currency}
                maxLength={3}
                required
                pattern="[A-Za-z]{3}"
                onChange={(event) => setCurrency(event.target.value.toUpperCase())}
              />
            )}
          </Field>
        </div>
        <Field label={t('marketing.stats.note')} reason={reason('note')}>
          {(control) => (
            <input
              {...control}
              name="note"
              value={note}
              maxLength={1000}
              onChange={(event) => setNote(event.target.value)}
            />
          )}
        </Field>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy} data-testid="stat-save">
            {busy ? t('marketing.saving') : t('marketing.save')}
          </button>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
