import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ReportState, useReport } from './report.tsx';
import type { RepFigure, ReportPeriod, RepRow, RepsReport } from './types.ts';

type Column = 'name' | Exclude<RepFigure, 'converted'>;
type Sort = { column: Column; descending: boolean };

const COLUMNS: readonly Column[] = [
  'name',
  'received',
  'worked',
  'firstResponseMedianMinutes',
  'overdueTasks',
  'conversionRate',
  'leadTimeMedianHours',
];

function columnLabel(t: TFunction, column: Column): string {
  switch (column) {
    case 'name':
      return t('insights.reps.name');
    case 'received':
      return t('insights.reps.received');
    case 'worked':
      return t('insights.reps.worked');
    case 'firstResponseMedianMinutes':
      return t('insights.reps.firstResponse');
    case 'overdueTasks':
      return t('insights.reps.overdueTasks');
    case 'conversionRate':
      return t('insights.reps.conversionRate');
    case 'leadTimeMedianHours':
      return t('insights.reps.leadTime');
  }
}

/** Rows in the order of a column; reps without a value (no data yet) always come last. */
function sorted(rows: RepRow[], sort: Sort, locale: string): RepRow[] {
  const sign = sort.descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    if (sort.column === 'name') return sign * a.key.name.localeCompare(b.key.name, locale);
    const x = a.figures[sort.column]?.value ?? null;
    const y = b.figures[sort.column]?.value ?? null;
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    return sign * (x - y) || a.key.name.localeCompare(b.key.name, locale);
  });
}

/** Reps side by side for the period; every column sorts, a second click turns the order round. */
export function RepLeaderboard({ period, channelId }: { period: ReportPeriod; channelId: string }) {
  const { t, i18n } = useTranslation();
  const reps = useReport<RepsReport>('/api/reports/reps', period);
  const [sort, setSort] = useState<Sort>({ column: 'received', descending: true });
  const rows = sorted(reps.data?.items ?? [], sort, i18n.language);

  const sortBy = (column: Column) =>
    setSort((current) =>
      current.column === column
        ? { column, descending: !current.descending }
        : // Names read A to Z first, figures biggest first.
          { column, descending: column !== 'name' },
    );

  return (
    <section className="card" aria-labelledby="reps-title" data-testid="rep-leaderboard">
      <h2 id="reps-title">{t('insights.reps.title')}</h2>
      <p className="muted">{t('insights.reps.hint')}</p>
      {channelId && <p className="muted">{t('insights.reps.allChannels')}</p>}
      <ReportState report={reps} empty={rows.length === 0} emptyText={t('insights.reps.none')} />
      {rows.length > 0 && (
        <div className="table-wrap">
          <table className="compact" data-testid="reps-table">
            <caption className="visually-hidden">{t('insights.reps.title')}</caption>
            <thead>
              <tr>
                {COLUMNS.map((column) => {
                  const active = sort.column === column;
                  return (
                    <th
                      key={column}
                      scope="col"
                      aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}
                    >
                      <button
                        type="button"
                        className="sort-button"
                        data-testid={`sort-${column}`}
                        onClick={() => sortBy(column)}
                      >
                        {columnLabel(t, column)}
                        <span aria-hidden="true">{active ? (sort.descending ? ' ▼' : ' ▲') : ''}</span>
                      </button>
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key.ownerId} data-testid="rep-row">
                  <th scope="row" className="wrap" data-testid="rep-name">
                    {row.key.name}
                  </th>
                  {COLUMNS.filter((c): c is Exclude<Column, 'name'> => c !== 'name').map((column) => (
                    <td key={column} data-testid={`rep-${column}`}>
                      {row.figures[column]?.text ?? '—'}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
