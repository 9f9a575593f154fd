import { useTranslation } from 'react-i18next';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useFormat } from '../format.ts';
import { COLORS, ReportState, useReport } from './report.tsx';
import type { EconomicsReport, EconomicsRow, Granularity, ReportPeriod } from './types.ts';

/** Leads by channel over time (chart) and each channel's totals for the period (table). */
export function LeadsByChannel({
  period,
  by,
  channelId,
}: {
  period: ReportPeriod;
  by: Granularity;
  channelId: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const dynamics = useReport<EconomicsReport>('/api/reports/channels', { ...period, by, channelId });
  const totals = useReport<EconomicsReport>('/api/reports/channels', { ...period, channelId });

  const channelName = (row: EconomicsRow) => row.key.name ?? t('insights.noChannel');
  const rows = dynamics.data?.items ?? [];
  const names = [...new Set(rows.map(channelName))];
  const periods = [...new Set(rows.map((row) => row.period ?? ''))].sort();
  const series = periods.map((p) => {
    const point: Record<string, string | number> = { period: p };
    for (const row of rows) {
      if ((row.period ?? '') === p) point[channelName(row)] = row.figures.leads?.value ?? 0;
    }
    return point;
  });

  return (
    <section className="card" aria-labelledby="by-channel-title" data-testid="leads-by-channel">
      <h2 id="by-channel-title">{t('insights.leadsByChannel')}</h2>
      {dynamics.error && (
        <p className="error" role="alert">
          {dynamics.error}
        </p>
      )}
      {series.length > 0 && (
        <div className="chart" aria-hidden="true">
          <ResponsiveContainer width="100%" height={260}>
            <LineChart data={series}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="period" tickFormatter={(value: string) => format.date(value)} />
              <YAxis allowDecimals={false} />
              <Tooltip labelFormatter={(value) => format.date(String(value))} />
              <Legend />
              {names.map((name, index) => (
                <Line
                  key={name}
                  type="monotone"
                  dataKey={name}
                  stroke={COLORS[index % COLORS.length]}
                  isAnimationActive={false}
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
        </div>
      )}
      <ReportState report={totals} empty={totals.data?.items.length === 0} />
      {totals.data && totals.data.items.length > 0 && (
        <div className="table-wrap">
          <table className="compact" data-testid="channels-table">
            <caption className="visually-hidden">{t('insights.leadsByChannel')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('insights.channel')}</th>
                <th scope="col">{t('insights.leads')}</th>
                <th scope="col">{t('insights.spend')}</th>
                <th scope="col">{t('insights.cpl')}</th>
                <th scope="col">{t('insights.customers')}</th>
                <th scope="col">{t('insights.romi')}</th>
              </tr>
            </thead>
            <tbody>
              {totals.data.items.map((row) => (
                <tr key={row.key.channelId ?? 'none'} data-testid="channel-row">
                  <th scope="row" className="wrap">
                    {channelName(row)}
                  </th>
                  <td data-testid="figure-leads">{row.figures.leads?.text}</td>
                  <td data-testid="figure-spend">{row.figures.spend?.text}</td>
                  <td data-testid="figure-cpl">{row.figures.cpl?.text}</td>
                  <td data-testid="figure-customers">{row.figures.customers?.text}</td>
                  <td data-testid="figure-romi">{row.figures.romi?.text}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
