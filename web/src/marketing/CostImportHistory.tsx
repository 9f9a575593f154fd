import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../format.ts';
import { useCostImports } from './hooks.ts';
import { ImportProblems } from './ImportProblems.tsx';
import type { Campaign } from './types.ts';

/** The latest imports: when, which file, how it ended, and its bad lines on demand. */
export function CostImportHistory({ version, campaigns }: { version: number; campaigns: Campaign[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const imports = useCostImports();
  const { reload } = imports;
  useEffect(() => {
    if (version > 0) reload();
  }, [version, reload]);
  const items = imports.data?.items ?? [];

  return (
    <section aria-labelledby="import-history-title" className="import-history" data-testid="import-history">
      <h3 id="import-history-title">{t('marketing.import.history')}</h3>
      {imports.error && (
        <p className="error" role="alert">
          {imports.error}
        </p>
      )}
      {imports.loading && !imports.data && (
        <p className="muted" role="status">
          {t('common.loading')}
        </p>
      )}
      {imports.data && items.length === 0 && <p className="muted">{t('marketing.import.noHistory')}</p>}
      {items.length > 0 && (
        <ul className="plain">
          {items.map((job) => (
            <li key={job.id} className="card history-item" data-testid="import-history-item">
              <div className="history-head">
                <strong className="wrap">{job.fileName ?? t('marketing.import.noFileName')}</strong>
                <span className={`tag status-${job.status}`}>
                  {t(`marketing.import.status.${job.status}`)}
                </span>
              </div>
              <div className="muted">
                {format.dateTime(job.createdAt)}
                {job.campaignId && ` · ${campaigns.find((c) => c.id === job.campaignId)?.name ?? ''}`}
                {' · '}
                {t('marketing.import.summary', {
                  count: job.totalRows,
                  imported: format.number(job.importedRows),
                  total: format.number(job.totalRows),
                })}
              </div>
              {job.problems.length > 0 && (
                <details>
                  <summary>{t('marketing.import.problemCount', { count: job.problems.length })}</summary>
                  <ImportProblems problems={job.problems} title={t('marketing.import.badRows')} />
                </details>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
