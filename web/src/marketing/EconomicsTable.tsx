import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { presetRange } from './dates.ts';
import { economicsPath, useEconomics } from './hooks.ts';
import { PeriodPicker } from './PeriodPicker.tsx';
import type { Channel, EconomicsRow, Figure } from './types.ts';

/** The figures shown, in the order of PRODUCT.md §3; the CSV download has them all. */
const COLUMNS = [
  'impressions',
  'clicks',
  'ctr',
  'leads',
  'cr',
  'spend',
  'cpl',
  'affordableCpl',
  'mql',
  'sql',
  'customers',
  'cac',
  'revenue',
  'romi',
  'leadTimeMedianHours',
] as const;
type Column = (typeof COLUMNS)[number];
type SortKey = Column | 'name';
type Sort = { key: SortKey; descending: boolean };

/** Per-campaign economics of a period: traffic, leads, spend, CPL against the affordable CPL, ROMI… */
export function EconomicsTable({ channels }: { channels: Channel[] }) {
  const { t, i18n } = useTranslation();
  const [range, setRange] = useState(() => presetRange('30'));
  const [channelId, setChannelId] = useState('');
  const [sort, setSort] = useState<Sort>({ key: 'spend', descending: true });
  const query = {
    ...range,
    ...(channelId ? { channelId } : {}),
    tz: Intl.DateTimeFormat().resolvedOptions().timeZone,
    locale: i18n.language === 'ru' ? 'ru' : 'en',
  };
  const report = useEconomics(query);
  const rows = sortRows(report.data?.items ?? [], sort);
  const na = t('common.na');
  const show = (figure: Figure | undefined) => (!figure || figure.value === null ? na : figure.text);

  const header = (key: SortKey) => {
    const active = sort.key === key;
    return (
      <th key={key} scope="col" aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
        <button
          type="button"
          className="sort-button"
          onClick={() =>
            setSort(active ? { key, descending: !sort.descending } : { key, descending: key !== 'name' })
          }
          data-testid={`sort-${key}`}
        >
          {key === 'name' ? t('marketing.economics.campaign') : t(`marketing.economics.columns.${key}`)}
          <span aria-hidden="true" className="sort-mark">
            {active ? (sort.descending ? '▼' : '▲') : '↕'}
          </span>
        </button>
      </th>
    );
  };

  return (
    <section aria-labelledby="economics-title" data-testid="economics">
      <h2 id="economics-title">{t('marketing.economics.title')}</h2>
      <p className="muted">{t('marketing.economics.intro')}</p>
      <form className="filters" onSubmit={(event) => event.preventDefault()}>
        <PeriodPicker from={range.from} to={range.to} onChange={setRange} />
        <label>
          {t('marketing.campaigns.channel')}
          <select value={channelId} onChange={(event) => setChannelId(event.target.value)}>
            <option value="">{t('marketing.allChannels')}</option>
            {channels.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <a className="button" href={economicsPath(query, 'csv')} download data-testid="economics-csv">
          {t('marketing.economics.csv')}
        </a>
      </form>
      {report.error && (
        <p className="error" role="alert">
          {report.error}
        </p>
      )}
      {report.loading && (
        <p className="muted" role="status">
          {t('common.loading')}
        </p>
      )}
      {report.data && rows.length === 0 && <p className="empty">{t('marketing.economics.empty')}</p>}
      {rows.length > 0 && (
        <div className="table-wrap">
          <table className="marketing-table compact numbers economics-table" data-testid="economics-table">
            <caption className="visually-hidden">{t('marketing.economics.caption')}</caption>
            <thead>
              <tr>
                {header('name')}
                {COLUMNS.map(header)}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const name = row.key.name ?? t('marketing.economics.noCampaign');
                return (
                  <tr
                    key={row.key.campaignId ?? 'none'}
                    data-testid="economics-row"
                    data-campaign-id={row.key.campaignId ?? ''}
                  >
                    <th scope="row" className="wrap">
                      {row.key.campaignId ? (
                        <Link to={`/campaigns?id=${row.key.campaignId}`}>{name}</Link>
                      ) : (
                        name
                      )}
                      {row.currency === 'mixed' && (
                        <div className="muted">{t('marketing.economics.mixedCurrency')}</div>
                      )}
                    </th>
                    {COLUMNS.map((column) => (
                      <td
                        key={column}
                        data-testid={`figure-${column}`}
                        className={column === 'cpl' && row.cplAboveAffordable ? 'too-high' : undefined}
                      >
                        {show(row.figures[column])}
                        {column === 'cpl' && row.cplAboveAffordable && (
                          <span className="tag tag-hot" data-testid="cpl-too-high">
                            {t('marketing.economics.tooHigh')}
                          </span>
                        )}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {rows.some((r) => r.cplAboveAffordable) && (
        <p className="muted">{t('marketing.economics.tooHighHint')}</p>
      )}
    </section>
  );
}

/** Rows by a column; n/a (null) sorts last either way, names in the UI's collation. */
function sortRows(rows: EconomicsRow[], sort: Sort): EconomicsRow[] {
  const direction = sort.descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    if (sort.key === 'name') {
      return direction * (a.key.name ?? '').localeCompare(b.key.name ?? '');
    }
    const x = a.figures[sort.key]?.value ?? null;
    const y = b.figures[sort.key]?.value ?? null;
    if (x === null && y === null) return 0;
    if (x === null) return 1;
    if (y === null) return -1;
    return direction * (x - y);
  });
}
