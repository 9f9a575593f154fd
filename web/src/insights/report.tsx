import { useTranslation } from 'react-i18next';
import { type Query, withQuery } from '../api.ts';
import { useApi } from '../hooks.ts';

// Every series is drawn with isAnimationActive={false}: the numbers show at once, with no motion for
// people who are bothered by it, and a screenshot shows what a person sees.
export const COLORS = [
  '#2563eb',
  '#16a34a',
  '#dc2626',
  '#9333ea',
  '#ea580c',
  '#0891b2',
  '#ca8a04',
  '#db2777',
];

/** One report of the dashboard: loads again whenever its query changes. */
export function useReport<T>(path: string, query: Query) {
  return useApi<T>(withQuery(path, query));
}

/** The state of a section's report: its error, "loading" until the first answer, or "no data". */
export function ReportState({
  report,
  empty,
  emptyText,
}: {
  report: { error: string | null; loading: boolean; data: unknown };
  /** The answer has nothing to show. */
  empty: boolean;
  emptyText?: string;
}) {
  const { t } = useTranslation();
  if (report.error)
    return (
      <p className="error" role="alert">
        {report.error}
      </p>
    );
  if (report.data === null)
    return report.loading ? (
      <p className="muted" role="status">
        {t('common.loading')}
      </p>
    ) : null;
  if (empty) return <p className="muted">{emptyText ?? t('insights.noData')}</p>;
  return null;
}
