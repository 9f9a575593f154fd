import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useFormat } from '../format.ts';
import { COLORS, ReportState, useReport } from './report.tsx';
import type { FunnelReport, ReportPeriod } from './types.ts';

/** The name of a funnel stage; a stage this version does not know is shown by its key. */
export function stageLabel(t: TFunction, stage: string): string {
  switch (stage) {
    case 'clicks':
      return t('insights.funnelStage.clicks');
    case 'inquiries':
      return t('insights.funnelStage.inquiries');
    case 'leads':
      return t('insights.funnelStage.leads');
    case 'contacted':
      return t('insights.funnelStage.contacted');
    case 'mql':
      return t('insights.funnelStage.mql');
    case 'sql':
      return t('insights.funnelStage.sql');
    case 'converted':
      return t('insights.funnelStage.converted');
    case 'customers':
      return t('insights.funnelStage.customers');
    default:
      return stage;
  }
}

/** The funnel with its bottleneck: a bar per stage and the same counts as a table. */
export function FunnelSection({ period, channelId }: { period: ReportPeriod; channelId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const funnel = useReport<FunnelReport>('/api/reports/funnel', { ...period, channelId });
  const data = funnel.data;

  return (
    <section className="card" aria-labelledby="funnel-title" data-testid="funnel">
      <h2 id="funnel-title">{t('insights.funnel')}</h2>
      <ReportState report={funnel} empty={data?.stages.length === 0} />
      {data?.bottleneck && (
        <p className="warning" data-testid="funnel-bottleneck">
          {t('insights.bottleneck', {
            from: stageLabel(t, data.bottleneck.from),
            to: stageLabel(t, data.bottleneck.to),
            rate: data.bottleneck.rate.text,
            lost: format.number(data.bottleneck.lost),
          })}
        </p>
      )}
      {data && data.stages.length > 0 && (
        <>
          <div className="chart" aria-hidden="true">
            <ResponsiveContainer width="100%" height={240}>
              <BarChart data={data.stages.map((s) => ({ name: stageLabel(t, s.stage), count: s.count }))}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="name" />
                <YAxis allowDecimals={false} />
                <Tooltip />
                <Bar dataKey="count" fill={COLORS[0]} name={t('insights.count')} isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <div className="table-wrap">
            <table className="compact" data-testid="funnel-table">
              <caption className="visually-hidden">{t('insights.funnel')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('insights.stage')}</th>
                  <th scope="col">{t('insights.count')}</th>
                  <th scope="col">{t('insights.dropOff')}</th>
                </tr>
              </thead>
              <tbody>
                {data.stages.map((s) => (
                  <tr
                    key={s.stage}
                    className={data.bottleneck?.to === s.stage ? 'bottleneck' : ''}
                    data-testid="funnel-stage"
                  >
                    <th scope="row">{stageLabel(t, s.stage)}</th>
                    <td data-testid="figure-stage-count">{s.text}</td>
                    <td>{s.dropOff ? `${format.number(s.dropOff.count)} (${s.dropOff.rate.text})` : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
