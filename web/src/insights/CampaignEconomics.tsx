import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useFormat } from '../format.ts';
import { COLORS, ReportState, useReport } from './report.tsx';
import type { EconomicsReport, ReportPeriod } from './types.ts';

/** CPL and CAC by campaign as bars, and the campaigns' economics as a table. */
export function CampaignEconomics({ period, channelId }: { period: ReportPeriod; channelId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const campaigns = useReport<EconomicsReport>('/api/reports/campaigns', { ...period, channelId });
  const items = campaigns.data?.items ?? [];
  // A row that mixes currencies has no single currency to format its money in.
  const money = (value: number, currency: string) =>
    /^[A-Z]{3}$/.test(currency) ? format.money(value, currency) : format.number(value);
  const bars = items
    .filter((row) => row.figures.cpl?.value != null || row.figures.cac?.value != null)
    .map((row) => ({
      name: row.key.name ?? '—',
      currency: row.currency,
      cpl: row.figures.cpl?.value ?? null,
      cac: row.figures.cac?.value ?? null,
    }));

  return (
    <section className="card" aria-labelledby="campaigns-title" data-testid="campaign-economics">
      <h2 id="campaigns-title">{t('insights.campaigns')}</h2>
      <ReportState report={campaigns} empty={items.length === 0} />
      {bars.length > 0 && (
        <figure className="chart-figure">
          <figcaption className="muted">{t('insights.cplCacChart')}</figcaption>
          <div className="chart" aria-hidden="true">
            <ResponsiveContainer width="100%" height={Math.max(160, 48 * bars.length + 60)}>
              <BarChart data={bars} layout="vertical" margin={{ left: 8, right: 16 }}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis type="number" tickFormatter={(value: number) => format.number(value)} />
                <YAxis type="category" dataKey="name" width={110} />
                <Tooltip
                  formatter={(value, _name, item) =>
                    typeof value === 'number'
                      ? money(value, (item.payload as { currency: string }).currency)
                      : String(value)
                  }
                />
                <Legend />
                <Bar dataKey="cpl" name={t('insights.cpl')} fill={COLORS[0]} isAnimationActive={false} />
                <Bar dataKey="cac" name={t('insights.cac')} fill={COLORS[4]} isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
        </figure>
      )}
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="compact" data-testid="campaigns-table">
            <caption className="visually-hidden">{t('insights.campaigns')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('insights.campaign')}</th>
                <th scope="col">{t('insights.leads')}</th>
                <th scope="col">{t('insights.spend')}</th>
                <th scope="col">{t('insights.cpl')}</th>
                <th scope="col">{t('insights.affordableCpl')}</th>
                <th scope="col">{t('insights.cac')}</th>
                <th scope="col">{t('insights.revenue')}</th>
                <th scope="col">{t('insights.romi')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((row) => (
                <tr key={row.key.campaignId ?? 'none'} data-testid="campaign-row">
                  <th scope="row" className="wrap">
                    {row.key.name ?? '—'}
                  </th>
                  <td data-testid="figure-leads">{row.figures.leads?.text}</td>
                  <td data-testid="figure-spend">{row.figures.spend?.text}</td>
                  <td data-testid="figure-cpl" className={row.cplAboveAffordable ? 'error' : ''}>
                    {row.figures.cpl?.text}
                    {row.cplAboveAffordable && (
                      <span className="visually-hidden"> {t('insights.cplTooHigh')}</span>
                    )}
                  </td>
                  <td data-testid="figure-affordable-cpl">{row.figures.affordableCpl?.text}</td>
                  <td data-testid="figure-cac">{row.figures.cac?.text}</td>
                  <td data-testid="figure-revenue">{row.figures.revenue?.text}</td>
                  <td data-testid="figure-romi">{row.figures.romi?.text}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {items.some((row) => row.cplAboveAffordable) && <p className="muted">{t('insights.cplTooHighHint')}</p>}
    </section>
  );
}
