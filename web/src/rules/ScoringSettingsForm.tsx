import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { messageOf, post } from '../api.ts';
import { useFormat } from '../format.ts';
import { type FieldErrors, fieldErrorsOf, put } from './data.ts';
import { type RecomputeResult, SCORED_STAGES, type ScoredStage, type ScoringSettings } from './types.ts';
import { FieldError } from './ui.tsx';

type Row = { rowId: number; minScore: string; stage: ScoredStage };
const MAX_THRESHOLDS = 10;
let nextRowId = 1;

const rowsOf = (value: ScoringSettings): Row[] =>
  value.thresholds.map((th) => ({ rowId: nextRowId++, minScore: String(th.minScore), stage: th.stage }));

/** The score thresholds that move a lead's lifecycle stage forward (at most to MQL). */
export function ScoringSettingsForm({
  settings,
  canChange,
  onSaved,
}: {
  settings: ScoringSettings;
  canChange: boolean;
  onSaved: (settings: ScoringSettings) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [rows, setRows] = useState<Row[]>(() => rowsOf(settings));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => setRows(rowsOf(settings)), [settings]);

  const update = (index: number, change: Partial<Row>) =>
    setRows((all) => all.map((row, i) => (i === index ? { ...row, ...change } : row)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setMessage(null);
    try {
      // What is not a whole number goes as typed, for the server to name.
      const thresholds = rows.map((row) => ({
        minScore: row.minScore.trim() === '' ? row.minScore : Number(row.minScore),
        stage: row.stage,
      }));
      const saved = await put<ScoringSettings>('/api/settings/scoring', { thresholds });
      setMessage({ ok: true, text: t('rules.scoring.thresholdsSaved') });
      onSaved(saved);
    } catch (error) {
      setErrors(fieldErrorsOf(error));
      setMessage({ ok: false, text: messageOf(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} className="stack" noValidate data-testid="scoring-thresholds">
      <p className="muted">{t('rules.scoring.thresholdsHelp')}</p>
      {rows.length === 0 && <p className="muted">{t('rules.scoring.noThresholds')}</p>}
      {rows.map((row, index) => {
        const at = `thresholds.${index}`;
        const errorId = errors[`${at}.minScore`] ? `${id}-${index}-error` : undefined;
        return (
          <fieldset key={row.rowId} className="rules-threshold" data-testid="threshold-row">
            <legend>{t('rules.scoring.thresholdLegend', { n: index + 1 })}</legend>
            <label>
              {t('rules.scoring.minScore')}
              <input
                type="number"
                step={1}
                value={row.minScore}
                disabled={!canChange}
                onChange={(event) => update(index, { minScore: event.target.value })}
                aria-invalid={Boolean(errorId)}
                aria-describedby={errorId}
                data-testid="threshold-min"
              />
            </label>
            <label>
              {t('rules.scoring.stage')}
              <select
                value={row.stage}
                disabled={!canChange}
                onChange={(event) => update(index, { stage: event.target.value as ScoredStage })}
                data-testid="threshold-stage"
              >
                {SCORED_STAGES.map((stage) => (
                  <option key={stage} value={stage}>
                    {t(`rules.stages.${stage}`)}
                  </option>
                ))}
              </select>
            </label>
            {canChange && (
              <button
                type="button"
                onClick={() => setRows((all) => all.filter((_, i) => i !== index))}
                aria-label={t('rules.scoring.removeThresholdNamed', { n: index + 1 })}
              >
                {t('rules.common.remove')}
              </button>
            )}
            <FieldError errors={errors} name={`${at}.minScore`} id={errorId} />
            <FieldError errors={errors} name={`${at}.stage`} />
          </fieldset>
        );
      })}
      <FieldError errors={errors} name="thresholds" />
      {canChange && (
        <div className="actions">
          <button
            type="button"
            disabled={rows.length >= MAX_THRESHOLDS}
            onClick={() => setRows((all) => [...all, { rowId: nextRowId++, minScore: '', stage: 'mql' }])}
            data-testid="threshold-add"
          >
            {t('rules.scoring.addThreshold')}
          </button>
          <button type="submit" className="primary" disabled={busy} data-testid="thresholds-save">
            {busy ? t('rules.scoring.saving') : t('rules.scoring.saveThresholds')}
          </button>
        </div>
      )}
      <p className={message?.ok ? 'notice' : 'error'} role="status" data-testid="thresholds-message">
        {message?.text}
      </p>
    </form>
  );
}

/** Rescores every lead now, and says how many it rescored and promoted. */
export function RecomputeButton({ onDone }: { onDone?: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const run = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const result = await post<RecomputeResult>('/api/scoring/recompute');
      setMessage({
        ok: true,
        text: `${t('rules.scoring.recomputed', { count: result.leads, n: format.number(result.leads) })} ${t(
          'rules.scoring.promoted',
          { count: result.promoted, n: format.number(result.promoted) },
        )}`,
      });
      onDone?.();
    } catch (error) {
      setMessage({ ok: false, text: messageOf(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="rules-recompute">
      <button type="button" onClick={() => void run()} disabled={busy} data-testid="scoring-recompute">
        {busy ? t('rules.scoring.recomputing') : t('rules.scoring.recompute')}
      </button>
      <span
        className={message?.ok === false ? 'error' : 'notice'}
        role="status"
        data-testid="recompute-result"
      >
        {message?.text}
      </span>
    </div>
  );
}
