import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { withQuery } from '../api.ts';
import { useFormat } from '../format.ts';
import { useApi } from '../hooks.ts';

type Figure = { value: number | null; text: string };
type EconomicsRow = {
  key: { channelId?: string | null; campaignId?: string; name: string | null };
  cplAboveAffordable?: boolean | null;
  period?: string;
  currency: string;
  figures: Record<string, Figure>;
};
type EconomicsReport = { items: EconomicsRow[] };
type FunnelReport = {
  stages: { stage: string; count: number; text: string; dropOff: { count: number; rate: Figure } | null }[];
  bottleneck: { from: string; to: string; lost: number; rate: Figure } | null;
};

const COLORS = ['#2563eb', '#16a34a', '#dc2626', '#9333ea', '#ea580c', '#0891b2', '#ca8a04', '#db2777'];
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** Leads by channel over time and the funnel with its bottleneck, each as a chart and a table. */
export default function Dashboard() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const today = new Date();
  const [from, setFrom] = useState(isoDay(new Date(today.getTime() - 29 * 86_400_000)));
  const [to, setTo] = useState(isoDay(today));
  const [by, setBy] = useState<'day' | 'week' | 'month'>('week');
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const period = { from, to, tz, locale: i18n.language === 'ru' ? 'ru' : 'en' };
  const dynamics = useApi<EconomicsReport>(withQuery('/api/reports/channels', { ...period, by }));
  const totals = useApi<EconomicsReport>(withQuery('/api/reports/channels', period));
  const funnel = useApi<FunnelReport>(withQuery('/api/reports/funnel', period));
  const campaigns = useApi<EconomicsReport>(withQuery('/api/reports/campaigns', period));

  const channelName = (row: EconomicsRow) => row.key.name ?? t('dashboard.noChannel');
  const names = [...new Set((dynamics.data?.items ?? []).map(channelName))];
  const periods = [...new Set((dynamics.data?.items ?? []).map((row) => row.period ?? ''))].sort();
  const series = periods.map((p) => {
    const point: Record<string, string | number> = { period: p };
    for (const row of dynamics.data?.items ?? []) {
      if ((row.period ?? '') === p) point[channelName(row)] = row.figures.leads?.value ?? 0;
    }
    return point;
  });
  const stageName = (stage: string) => t(`funnelStage.${stage}`, { defaultValue: stage });

  return (
    <section aria-labelledby="dashboard-title" data-testid="dashboard">
      <h1 id="dashboard-title">{t('dashboard.title')}</h1>
      <form className="filters" onSubmit={(event) => event.preventDefault()}>
        <label>
          {t('dashboard.from')}
          <input
            type="date"
            value={from}
            max={to}
            onChange={(event) => event.target.value && setFrom(event.target.value)}
          />
        </label>
        <label>
          {t('dashboard.to')}
          <input
            type="date"
            value={to}
            min={from}
            onChange={(event) => event.target.value && setTo(event.target.value)}
          />
        </label>
        <label>
          {t('dashboard.by')}
          <select value={by} onChange={(event) => setBy(event.target.value as typeof by)}>
            <option value="day">{t('dashboard.day')}</option>
            <option value="week">{t('dashboard.week')}</option>
            <option value="month">{t('dashboard.month')}</option>
          </select>
        </label>
      </form>

      <section className="card" aria-labelledby="by-channel-title">
        <h2 id="by-channel-title">{t('dashboard.leadsByChannel')}</h2>
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
                  <Line key={name} type="monotone" dataKey={name} stroke={COLORS[index % COLORS.length]} />
                ))}
              </LineChart>
            </ResponsiveContainer>
          </div>
        )}
        <div className="table-wrap">
          <table className="compact" data-testid="channels-table">
            <caption className="visually-hidden">{t('dashboard.leadsByChannel')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.channel')}</th>
                <th scope="col">{t('dashboard.leads')}</th>
                <th scope="col">{t('dashboard.spend')}</th>
                <th scope="col">{t('dashboard.cpl')}</th>
                <th scope="col">{t('dashboard.customers')}</th>
                <th scope="col">{t('dashboard.romi')}</th>
              </tr>
            </thead>
            <tbody>
              {totals.data?.items.map((row) => (
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
        {totals.data?.items.length === 0 && <p className="muted">{t('dashboard.noData')}</p>}
      </section>

      <section className="card" aria-labelledby="campaigns-title">
        <h2 id="campaigns-title">{t('dashboard.campaigns')}</h2>
        {campaigns.error && (
          <p className="error" role="alert">
            {campaigns.error}
          </p>
        )}
        <div className="table-wrap">
          <table className="compact" data-testid="campaigns-table">
            <thead>
              <tr>
                <th scope="col">{t('dashboard.campaign')}</th>
                <th scope="col">{t('dashboard.leads')}</th>
                <th scope="col">{t('dashboard.spend')}</th>
                <th scope="col">{t('dashboard.cpl')}</th>
                <th scope="col">{t('dashboard.affordableCpl')}</th>
                <th scope="col">{t('dashboard.cac')}</th>
                <th scope="col">{t('dashboard.revenue')}</th>
                <th scope="col">{t('dashboard.romi')}</th>
              </tr>
            </thead>
            <tbody>
              {campaigns.data?.items.map((row) => (
                <tr key={row.key.campaignId ?? 'none'} data-testid="campaign-row">
                  <th scope="row" className="wrap">
                    {row.key.name ?? '—'}
                  </th>
                  <td data-testid="figure-leads">{row.figures.leads?.text}</td>
                  <td data-testid="figure-spend">{row.figures.spend?.text}</td>
                  <td data-testid="figure-cpl" className={row.cplAboveAffordable ? 'error' : ''}>
                    {row.figures.cpl?.text}
                    {row.cplAboveAffordable && (
                      <span className="visually-hidden"> {t('dashboard.cplTooHigh')}</span>
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
        {campaigns.data?.items.length === 0 && <p className="muted">{t('dashboard.noData')}</p>}
        {campaigns.data?.items.some((row) => row.cplAboveAffordable) && (
          <p className="muted">{t('dashboard.cplTooHighHint')}</p>
        )}
      </section>

      <section className="card" aria-labelledby="funnel-title">
        <h2 id="funnel-title">{t('dashboard.funnel')}</h2>
        {funnel.error && (
          <p className="error" role="alert">
            {funnel.error}
          </p>
        )}
        {funnel.data?.bottleneck && (
          <p className="warning" data-testid="funnel-bottleneck">
            {t('dashboard.bottleneck', {
              from: stageName(funnel.data.bottleneck.from),
              to: stageName(funnel.data.bottleneck.to),
              rate: funnel.data.bottleneck.rate.text,
              lost: format.number(funnel.data.bottleneck.lost),
            })}
          </p>
        )}
        {funnel.data && funnel.data.stages.length > 0 && (
          <div className="chart" aria-hidden="true">
            <ResponsiveContainer width="100%" height={240}>
              <BarChart data={funnel.data.stages.map((s) => ({ name: stageName(s.stage), count: s.count }))}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="name" />
                <YAxis allowDecimals={false} />
                <Tooltip />
                <Bar dataKey="count" fill="#2563eb" name={t('dashboard.count')} />
              </BarChart>
            </ResponsiveContainer>
          </div>
        )}
        <div className="table-wrap">
          <table className="compact" data-testid="funnel-table">
            <caption className="visually-hidden">{t('dashboard.funnel')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.stage')}</th>
                <th scope="col">{t('dashboard.count')}</th>
                <th scope="col">{t('dashboard.dropOff')}</th>
              </tr>
            </thead>
            <tbody>
              {funnel.data?.stages.map((s) => (
                <tr
                  key={s.stage}
                  className={funnel.data?.bottleneck?.to === s.stage ? 'bottleneck' : ''}
                  data-testid="funnel-stage"
                >
                  <th scope="row">{stageName(s.stage)}</th>
                  <td data-testid="figure-stage-count">{s.text}</td>
                  <td>{s.dropOff ? `${format.number(s.dropOff.count)} (${s.dropOff.rate.text})` : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </section>
  );
}
