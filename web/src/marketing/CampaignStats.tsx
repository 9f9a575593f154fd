import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { useFormat } from '../format.ts';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { formatDay, presetRange } from './dates.ts';
import { useCampaignStats } from './hooks.ts';
import { PeriodPicker } from './PeriodPicker.tsx';
import { StatForm, type StatFormMode } from './StatForm.tsx';
import type { Campaign, DailyStat, DayTotal } from './types.ts';

/** Spend per currency, e.g. "₽12,000.00 + $10.00"; a dash when nothing is stated. */
function useSpendText() {
  const format = useFormat();
  return (spend: { currency: string; amount: string }[]) =>
    spend.length === 0 ? '—' : spend.map((s) => format.money(s.amount, s.currency)).join(' + ');
}

/** A campaign's traffic and spend by day: rows as entered or imported, corrections, day sums. */
export function CampaignStats({ campaign, canManage }: { campaign: Campaign; canManage: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const spendText = useSpendText();
  const [range, setRange] = useState(() => presetRange('30'));
  const stats = useCampaignStats(campaign.id, range);
  const [form, setForm] = useState<StatFormMode | null>(null);
  const [removing, setRemoving] = useState<DailyStat | null>(null);

  const items = stats.data?.items ?? [];
  const totals = new Map((stats.data?.totals ?? []).map((d) => [d.day, d]));
  // Newest day first; a day's rows in the order they were entered.
  const days = [...new Set(items.map((s) => s.day))].sort().reverse();
  const period = sumOf(stats.data?.totals ?? []);
  const withoutSpend = period.rowsWithoutSpend;

  return (
    <section aria-labelledby="stats-title" className="card" data-testid="campaign-stats">
      <div className="page-head">
        <h2 id="stats-title">{t('marketing.stats.title')}</h2>
        {canManage && (
          <button
            type="button"
            className="primary"
            onClick={() => setForm({ kind: 'add' })}
            data-testid="stat-add"
          >
            {t('marketing.stats.add')}
          </button>
        )}
      </div>
      <form className="filters" onSubmit={(event) => event.preventDefault()}>
        <PeriodPicker from={range.from} to={range.to} onChange={setRange} />
      </form>
      {stats.error && (
        <p className="error" role="alert">
          {stats.error}
        </p>
      )}
      {stats.loading && !stats.data && (
        <p className="muted" role="status">
          {t('common.loading')}
        </p>
      )}
      {stats.data && items.length === 0 && (
        <p className="empty" data-testid="stats-empty">
          {t('marketing.stats.empty')}
        </p>
      )}
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="marketing-table compact numbers" data-testid="stats-table">
            <thead>
              <tr>
                <th scope="col" className="text">
                  {t('marketing.stats.day')}
                </th>
                <th scope="col">{t('marketing.stats.impressions')}</th>
                <th scope="col">{t('marketing.stats.clicks')}</th>
                <th scope="col">{t('marketing.stats.actions')}</th>
                <th scope="col">{t('marketing.stats.spend')}</th>
                <th scope="col" className="text">
                  {t('marketing.stats.source')}
                </th>
                <th scope="col" className="text">
                  {t('marketing.stats.note')}
                </th>
                {canManage && (
                  <th scope="col" className="text">
                    {t('marketing.actions')}
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {days.map((day) => {
                const rows = items.filter((s) => s.day === day);
                const total = totals.get(day);
                return (
                  <Fragment key={day}>
                    {rows.map((row, index) => (
                      <tr key={row.id} data-testid="stat-row" data-day={day}>
                        <th scope="row">{index === 0 ? formatDay(day, format.locale) : ''}</th>
                        <td>{format.number(row.impressions)}</td>
                        <td>{format.number(row.clicks)}</td>
                        <td>{format.number(row.actions)}</td>
                        <td className={row.spend?.startsWith('-') ? 'negative' : ''}>
                          {row.spend === null ? (
                            <span className="muted">{t('marketing.stats.notStated')}</span>
                          ) : (
                            format.money(row.spend, row.currency)
                          )}
                        </td>
                        <td className="text">
                          <span className="tag">{t(`marketing.stats.sources.${row.source}`)}</span>
                        </td>
                        <td className="text wrap">{row.note ?? ''}</td>
                        {canManage && (
                          <td className="text">
                            <div className="row-actions">
                              <button
                                type="button"
                                onClick={() => setForm({ kind: 'edit', row })}
                                aria-label={t('marketing.stats.editRow', {
                                  day: formatDay(day, format.locale),
                                })}
                              >
                                {t('marketing.edit')}
                              </button>
                              <button
                                type="button"
                                onClick={() => setRemoving(row)}
                                aria-label={t('marketing.stats.deleteRow', {
                                  day: formatDay(day, format.locale),
                                })}
                              >
                                {t('marketing.delete')}
                              </button>
                              {index === rows.length - 1 && (
                                <button
                                  type="button"
                                  onClick={() => setForm({ kind: 'correction', day })}
                                  aria-label={t('marketing.stats.correctDay', {
                                    day: formatDay(day, format.locale),
                                  })}
                                >
                                  {t('marketing.stats.correct')}
                                </button>
                              )}
                            </div>
                          </td>
                        )}
                      </tr>
                    ))}
                    {rows.length > 1 && total && (
                      <tr className="subtotal" data-testid="stat-day-total">
                        <th scope="row">{t('marketing.stats.dayTotal')}</th>
                        <td>{format.number(total.impressions)}</td>
                        <td>{format.number(total.clicks)}</td>
                        <td>{format.number(total.actions)}</td>
                        <td>{spendText(total.spend)}</td>
                        <td colSpan={canManage ? 3 : 2} />
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
            <tfoot>
              <tr className="total" data-testid="stat-period-total">
                <th scope="row">{t('marketing.stats.periodTotal')}</th>
                <td>{format.number(period.impressions)}</td>
                <td>{format.number(period.clicks)}</td>
                <td>{format.number(period.actions)}</td>
                <td>{spendText(period.spend)}</td>
                <td colSpan={canManage ? 3 : 2} />
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      {withoutSpend > 0 && (
        <p className="muted">
          {t('marketing.stats.derivedHint', {
            count: withoutSpend,
            model: t(`marketing.pricing.${campaign.pricingModel}`),
          })}
        </p>
      )}

      {form && (
        <StatForm
          campaign={campaign}
          mode={form}
          onClose={() => setForm(null)}
          onSaved={(day) => {
            setForm(null);
            // A day outside the period shown widens it, so the row just saved is in view.
            if (day < range.from || day > range.to) {
              setRange({ from: day < range.from ? day : range.from, to: day > range.to ? day : range.to });
            } else stats.reload();
          }}
        />
      )}
      {removing && (
        <ConfirmDialog
          title={t('marketing.stats.deleteTitle')}
          text={t('marketing.stats.deleteText', { day: formatDay(removing.day, format.locale) })}
          confirmLabel={t('marketing.delete')}
          onConfirm={async () => {
            await api('DELETE', `/api/campaigns/${campaign.id}/stats/${removing.id}`);
            stats.reload();
          }}
          onClose={() => setRemoving(null)}
        />
      )}
    </section>
  );
}

/** Sums of the period: counts added, spend added per currency (in cents, so no float drift). */
function sumOf(days: DayTotal[]) {
  const cents = new Map<string, number>();
  let impressions = 0;
  let clicks = 0;
  let actions = 0;
  let rowsWithoutSpend = 0;
  for (const day of days) {
    impressions += day.impressions;
    clicks += day.clicks;
    actions += day.actions;
    rowsWithoutSpend += day.rowsWithoutSpend;
    for (const s of day.spend) {
      cents.set(s.currency, (cents.get(s.currency) ?? 0) + Math.round(Number(s.amount) * 100));
    }
  }
  const spend = [...cents].map(([currency, c]) => ({ currency, amount: (c / 100).toFixed(2) }));
  return { impressions, clicks, actions, rowsWithoutSpend, spend };
}
