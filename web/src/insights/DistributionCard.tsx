import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useFormat } from '../format.ts';
import { ReportState, useReport } from './report.tsx';
import type { Distribution, ReportPeriod } from './types.ts';

/** A histogram of leads by bucket, and the same counts with their shares as a table. */
export function DistributionCard<B extends string>({
  path,
  period,
  channelId,
  title,
  hint,
  bucketHeader,
  labelOf,
  muted = [],
  testId,
}: {
  path: string;
  period: ReportPeriod;
  channelId: string;
  title: string;
  hint: string;
  bucketHeader: string;
  labelOf: (bucket: B) => string;
  /** Buckets drawn in grey: not a duration (leads not answered yet). */
  muted?: readonly B[];
  testId: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const report = useReport<Distribution<B>>(path, { ...period, channelId });
  const data = report.data;
  const titleId = `${testId}-title`;

  return (
    <section className="card" aria-labelledby={titleId} data-testid={testId}>
      <h2 id={titleId}>{title}</h2>
      <p className="muted">{hint}</p>
      <ReportState report={report} empty={data?.total === 0} />
      {data && data.total > 0 && (
        <div className="chart" aria-hidden="true">
          <ResponsiveContainer width="100%" height={260}>
            <BarChart
              data={data.buckets.map((b) => ({ name: labelOf(b.bucket), count: b.count, bucket: b.bucket }))}
            >
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis
                dataKey="name"
                interval={0}
                angle={-30}
                textAnchor="end"
                height={70}
                tick={{ fontSize: 11 }}
              />
              <YAxis allowDecimals={false} />
              <Tooltip />
              <Bar dataKey="count" name={t('insights.count')} isAnimationActive={false}>
                {data.buckets.map((b) => (
                  <Cell key={b.bucket} fill={muted.includes(b.bucket) ? '#9ca3af' : '#0891b2'} />
                ))}
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
      {data && data.total > 0 && (
        <div className="table-wrap">
          <table className="compact" data-testid={`${testId}-table`}>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{bucketHeader}</th>
                <th scope="col">{t('insights.leads')}</th>
                <th scope="col">{t('insights.share')}</th>
              </tr>
            </thead>
            <tbody>
              {data.buckets.map((b) => (
                <tr key={b.bucket} data-testid="distribution-row" data-bucket={b.bucket}>
                  <th scope="row">{labelOf(b.bucket)}</th>
                  <td data-testid="bucket-count">{b.text}</td>
                  <td>{b.share.text}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('insights.total')}</th>
                <td data-testid="distribution-total">{format.number(data.total)}</td>
                <td />
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </section>
  );
}
