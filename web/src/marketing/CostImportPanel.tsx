import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { get, post } from '../api.ts';
import { useFormat } from '../format.ts';
import { useSession } from '../session.tsx';
import { CostImportHistory } from './CostImportHistory.tsx';
import { formatDay } from './dates.ts';
import { Field } from './Field.tsx';
import { ImportProblems } from './ImportProblems.tsx';
import { FormError, type FormProblem, formProblemOf, reasonFor } from './problems.tsx';
import type { Campaign, CostField, CostImport, CostImportPreview, CostMapping } from './types.ts';
import { COST_FIELDS } from './types.ts';
import { postWithProgress, previewTextOf, readCsvFile } from './upload.ts';

const POLL_MS = 500;

type Run =
  | { phase: 'idle' }
  | { phase: 'uploading'; sent: number; total: number }
  | { phase: 'importing'; job: CostImport }
  | { phase: 'finished'; job: CostImport };

/**
 * An ad cabinet's CSV export into daily campaign stats: choose the file, check the columns and the
 * first rows, import with a progress bar, then the rows imported and the bad lines with reasons.
 */
export function CostImportPanel({
  campaigns,
  initialCampaignId,
}: {
  campaigns: Campaign[];
  initialCampaignId?: string | undefined;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const { me } = useSession();
  const id = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const [text, setText] = useState<string | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const [mapping, setMapping] = useState<CostMapping | null>(null);
  const [campaignId, setCampaignId] = useState(initialCampaignId ?? '');
  const [replace, setReplace] = useState(true);
  const [preview, setPreview] = useState<CostImportPreview | null>(null);
  const [previewProblem, setPreviewProblem] = useState<FormProblem | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [run, setRun] = useState<Run>({ phase: 'idle' });
  const [runProblem, setRunProblem] = useState<FormProblem | null>(null);
  const [historyVersion, setHistoryVersion] = useState(0);
  const head = useMemo(() => (text === null ? null : previewTextOf(text)), [text]);
  const headText = head?.text ?? null;

  // The preview follows the file, the mapping and the campaign chosen for the whole file.
  const mappingKey = JSON.stringify(mapping);
  useEffect(() => {
    if (headText === null) return;
    let current = true;
    setPreviewing(true);
    const chosen = JSON.parse(mappingKey) as CostMapping | null;
    post<CostImportPreview>('/api/cost-imports/preview', {
      csv: headText,
      ...(chosen ? { mapping: chosen } : {}),
      ...(campaignId ? { campaignId } : {}),
    })
      .then((answer) => {
        if (!current) return;
        setPreview(answer);
        setPreviewProblem(null);
        // The first preview suggests the mapping; from then on the selects hold it.
        if (!chosen) setMapping(answer.mapping);
      })
      .catch((failure: unknown) => {
        if (current) setPreviewProblem(formProblemOf(failure));
      })
      .finally(() => {
        if (current) setPreviewing(false);
      });
    return () => {
      current = false;
    };
  }, [headText, mappingKey, campaignId]);

  // While the server writes the rows, its progress is polled.
  const runningId = run.phase === 'importing' ? run.job.id : null;
  useEffect(() => {
    if (!runningId) return;
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = () => {
      get<CostImport>(`/api/cost-imports/${runningId}`)
        .then((job) => {
          if (!current) return;
          if (job.status === 'running') {
            setRun({ phase: 'importing', job });
            timer = setTimeout(poll, POLL_MS);
          } else {
            setRun({ phase: 'finished', job });
            setHistoryVersion((v) => v + 1);
          }
        })
        .catch((failure: unknown) => {
          if (!current) return;
          setRunProblem(formProblemOf(failure));
          timer = setTimeout(poll, POLL_MS * 4);
        });
    };
    timer = setTimeout(poll, POLL_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [runningId]);

  async function choose(file: File | undefined) {
    reset();
    if (!file) return;
    try {
      setFileName(file.name);
      setText(await readCsvFile(file));
    } catch (failure) {
      setReadError(formProblemOf(failure).message);
    }
  }

  function reset() {
    setText(null);
    setFileName(null);
    setReadError(null);
    setMapping(null);
    setPreview(null);
    setPreviewProblem(null);
    setRun({ phase: 'idle' });
    setRunProblem(null);
  }

  async function start() {
    if (text === null || !mapping) return;
    setRunProblem(null);
    setRun({ phase: 'uploading', sent: 0, total: text.length });
    try {
      const job = await postWithProgress<CostImport>(
        '/api/cost-imports',
        {
          csv: text,
          mapping: cleanMapping(mapping),
          ...(campaignId ? { campaignId } : {}),
          ...(fileName ? { fileName } : {}),
          replace,
        },
        {
          csrfToken: me?.csrfToken ?? null,
          onProgress: (sent, total) => setRun({ phase: 'uploading', sent, total }),
        },
      );
      setRun(job.status === 'running' ? { phase: 'importing', job } : { phase: 'finished', job });
      if (job.status !== 'running') setHistoryVersion((v) => v + 1);
    } catch (failure) {
      setRun({ phase: 'idle' });
      setRunProblem(formProblemOf(failure));
    }
  }

  const mappingProblems = (preview?.problems ?? []).filter((p) => p.line === 1 && !p.column);
  const busy = run.phase === 'uploading' || run.phase === 'importing';
  const canStart = Boolean(preview) && !previewProblem && mappingProblems.length === 0 && !previewing;
  const campaignName = (campaignRef: string | null) =>
    campaigns.find((c) => c.id === campaignRef)?.name ?? '';

  return (
    <section aria-labelledby={`${id}-title`} className="cost-import" data-testid="cost-import">
      <h2 id={`${id}-title`}>{t('marketing.import.title')}</h2>
      <p className="muted">{t('marketing.import.intro')}</p>

      <div className="card stack">
        <div className="filters">
          <label>
            {t('marketing.import.file')}
            <input
              ref={fileInput}
              type="file"
              accept=".csv,.txt,text/csv"
              disabled={busy}
              onChange={(event) => void choose(event.target.files?.[0])}
              data-testid="import-file"
            />
          </label>
          <label>
            {t('marketing.import.campaignForFile')}
            <select
              value={campaignId}
              disabled={busy}
              onChange={(event) => setCampaignId(event.target.value)}
              data-testid="import-campaign"
            >
              <option value="">{t('marketing.import.campaignFromColumn')}</option>
              {campaigns.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
        </div>
        {readError && (
          <p className="error" role="alert">
            {readError}
          </p>
        )}

        {text !== null && run.phase === 'idle' && (
          <>
            <fieldset className="mapping" data-testid="import-mapping">
              <legend>{t('marketing.import.mapping')}</legend>
              <p className="muted">{t('marketing.import.mappingHint')}</p>
              <div className="form-grid">
                {COST_FIELDS.map((field) => (
                  <MappingSelect
                    key={field}
                    field={field}
                    headers={preview?.headers ?? []}
                    value={mapping?.[field] ?? ''}
                    required={field === 'day' || (field === 'campaign' && !campaignId)}
                    reason={reasonFor(previewProblem, `mapping.${field}`)}
                    disabled={!preview}
                    onChange={(column) =>
                      setMapping((before) => ({ ...(before ?? {}), [field]: column || undefined }))
                    }
                  />
                ))}
              </div>
            </fieldset>

            <FormError problem={previewProblem} />
            {previewing && (
              <p className="muted" role="status">
                {t('marketing.import.previewing')}
              </p>
            )}
            {preview && (
              <section aria-labelledby={`${id}-preview`} data-testid="import-preview">
                <h3 id={`${id}-preview`}>{t('marketing.import.preview')}</h3>
                <p className="muted">
                  {head?.partial
                    ? t('marketing.import.previewPartial')
                    : t('marketing.import.rowsInFile', { count: preview.totalRows })}{' '}
                  {t('marketing.import.delimiter', {
                    delimiter:
                      preview.delimiter === '\t' ? t('marketing.import.tabDelimiter') : preview.delimiter,
                  })}
                </p>
                {mappingProblems.length > 0 && (
                  <ul className="error">
                    {mappingProblems.map((p) => (
                      <li key={p.reason}>{p.reason}</li>
                    ))}
                  </ul>
                )}
                {preview.rows.length > 0 && (
                  <div className="table-wrap">
                    <table className="marketing-table compact numbers" data-testid="preview-table">
                      <thead>
                        <tr>
                          <th scope="col">{t('marketing.import.line')}</th>
                          <th scope="col" className="text">
                            {t('marketing.stats.day')}
                          </th>
                          <th scope="col" className="text">
                            {t('marketing.import.fields.campaign')}
                          </th>
                          <th scope="col">{t('marketing.stats.impressions')}</th>
                          <th scope="col">{t('marketing.stats.clicks')}</th>
                          <th scope="col">{t('marketing.stats.actions')}</th>
                          <th scope="col">{t('marketing.stats.spend')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {preview.rows.map((row) => (
                          <tr key={row.line} data-testid="preview-row">
                            <td>{row.line}</td>
                            <td className="text">{formatDay(row.day, format.locale)}</td>
                            <td className="text wrap">{row.campaignName ?? ''}</td>
                            <td>{format.number(row.impressions)}</td>
                            <td>{format.number(row.clicks)}</td>
                            <td>{format.number(row.actions)}</td>
                            <td>{row.spend === null ? '—' : format.money(row.spend, row.currency)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )}
                <ImportProblems
                  problems={preview.problems.filter((p) => !mappingProblems.includes(p))}
                  title={t('marketing.import.previewProblems')}
                />
              </section>
            )}

            <label className="checkbox">
              <input
                type="checkbox"
                checked={replace}
                onChange={(event) => setReplace(event.target.checked)}
              />
              {t('marketing.import.replace')}
            </label>
            <FormError problem={runProblem} />
            <div className="actions">
              <button
                type="button"
                className="primary"
                disabled={!canStart}
                onClick={() => void start()}
                data-testid="import-start"
              >
                {t('marketing.import.start')}
              </button>
              <button
                type="button"
                onClick={() => {
                  reset();
                  if (fileInput.current) fileInput.current.value = '';
                }}
              >
                {t('marketing.import.clear')}
              </button>
            </div>
          </>
        )}

        {(run.phase === 'uploading' || run.phase === 'importing') && <ImportProgress run={run} />}
        {run.phase === 'finished' && (
          <ImportResult
            job={run.job}
            campaignName={campaignName(run.job.campaignId)}
            onAgain={() => {
              reset();
              if (fileInput.current) {
                fileInput.current.value = '';
                fileInput.current.focus();
              }
            }}
          />
        )}
      </div>

      <CostImportHistory version={historyVersion} campaigns={campaigns} />
    </section>
  );
}

/** Mapped fields only: "not in the file" is left out rather than sent empty. */
function cleanMapping(mapping: CostMapping): CostMapping {
  return Object.fromEntries(Object.entries(mapping).filter(([, column]) => Boolean(column)));
}

function MappingSelect({
  field,
  headers,
  value,
  required,
  reason,
  disabled,
  onChange,
}: {
  field: CostField;
  headers: string[];
  value: string;
  required: boolean;
  reason: string | undefined;
  disabled: boolean;
  onChange: (column: string) => void;
}) {
  const { t } = useTranslation();
  const label = required ? (
    <>
      {t(`marketing.import.fields.${field}`)}{' '}
      <span className="muted">({t('marketing.import.required')})</span>
    </>
  ) : (
    t(`marketing.import.fields.${field}`)
  );
  return (
    <Field label={label} reason={reason}>
      {(control) => (
        <select
          {...control}
          value={value}
          disabled={disabled}
          onChange={(event) => onChange(event.target.value)}
          data-testid={`map-${field}`}
        >
          <option value="">{t('marketing.import.notInFile')}</option>
          {headers.map((header) => (
            <option key={header} value={header}>
              {header}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function ImportProgress({ run }: { run: Exclude<Run, { phase: 'idle' | 'finished' }> }) {
  const { t } = useTranslation();
  const format = useFormat();
  const id = useId();
  const [value, max, label] =
    run.phase === 'uploading'
      ? [
          run.sent,
          Math.max(run.total, 1),
          t('marketing.import.uploading', {
            percent: format.percent(run.total ? run.sent / run.total : 0),
          }),
        ]
      : [
          run.job.processedRows,
          Math.max(run.job.totalRows, 1),
          t('marketing.import.importing', {
            done: format.number(run.job.processedRows),
            count: run.job.totalRows,
            total: format.number(run.job.totalRows),
          }),
        ];
  return (
    <div className="import-progress" data-testid="import-progress">
      <label htmlFor={id} data-testid="import-progress-label">
        {label}
      </label>
      <progress id={id} value={value} max={max} />
      <span className="visually-hidden" role="status">
        {label}
      </span>
    </div>
  );
}

function ImportResult({
  job,
  campaignName,
  onAgain,
}: {
  job: CostImport;
  campaignName: string;
  onAgain: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const failed = job.status === 'failed';
  return (
    <section
      className={`import-result ${failed ? 'failed' : ''}`}
      data-testid="import-result"
      aria-live="polite"
    >
      <h3>{failed ? t('marketing.import.failed') : t('marketing.import.done')}</h3>
      <p data-testid="import-summary">
        {t('marketing.import.summary', {
          count: job.totalRows,
          imported: format.number(job.importedRows),
          total: format.number(job.totalRows),
        })}
      </p>
      <ImportProblems problems={job.problems} title={t('marketing.import.badRows')} />
      <div className="actions">
        {job.campaignId && (
          <Link className="button" to={`/campaigns?id=${job.campaignId}`}>
            {t('marketing.import.openCampaign', { name: campaignName })}
          </Link>
        )}
        <button type="button" onClick={onAgain}>
          {t('marketing.import.another')}
        </button>
      </div>
    </section>
  );
}
