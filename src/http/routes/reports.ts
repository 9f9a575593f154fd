import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Principal } from '../../domain/permissions.ts';
import { ProblemSchema } from '../../schemas/problem.ts';
import {
  EconomicsQuerySchema,
  EconomicsReportSchema,
  FunnelQuerySchema,
  FunnelReportSchema,
  REPORT_GROUPINGS,
  type ReportGroupingName,
  RepsQuerySchema,
  RepsReportSchema,
} from '../../schemas/report.ts';
import {
  economicsCsv,
  economicsReportOf,
  funnelReportOf,
  repsCsv,
  repsReportOf,
} from '../../services/reports.ts';
import type { EconomicsGrouping } from '../../store/reports/economics.ts';
import type { ReportPeriod } from '../../store/reports/period.ts';
import type { RouteDeps } from '../app.ts';
import { principalOf } from '../auth.ts';
import { forbidden, invalid } from '../problem.ts';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 422: ProblemSchema };

const GROUPING: Record<ReportGroupingName, EconomicsGrouping> = {
  campaigns: 'campaign',
  channels: 'channel',
  forms: 'form',
  owners: 'owner',
};

/** The longest period a report covers (three years), so `by=day` stays a readable table. */
const MAX_PERIOD_DAYS = 1100;

export function periodOf(
  query: { from: string; to: string; tz?: string | undefined },
  defaultTimeZone: string,
): ReportPeriod {
  if (query.to < query.from) throw invalid([{ name: 'to', reason: 'must not be before from' }]);
  const days = (Date.parse(query.to) - Date.parse(query.from)) / 86_400_000;
  if (days >= MAX_PERIOD_DAYS) {
    throw invalid([{ name: 'to', reason: `a report covers at most ${MAX_PERIOD_DAYS} days` }]);
  }
  return { from: query.from, to: query.to, timeZone: query.tz ?? defaultTimeZone };
}

/** Campaign economics and the funnel are for marketers, sales heads and admins; a rep gets 403. */
export function mustSeeEconomics(principal: Principal): void {
  if (principal.role !== 'admin' && principal.role !== 'head' && principal.role !== 'marketer') {
    throw forbidden('Only marketers, sales heads and admins see marketing reports.');
  }
}

export const reportRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, deps) => {
  const { database, config } = deps;
  const settings = { defaultCurrency: config.defaultCurrency, averageMargin: config.reports.averageMargin };

  for (const name of REPORT_GROUPINGS) {
    app.get(
      `/api/reports/${name}`,
      {
        config: { access: 'read' },
        schema: {
          tags: ['reports'],
          summary: `Marketing economics per ${GROUPING[name]} for a period (PRODUCT.md §3)`,
          description:
            'Leads are the cohort created in the period; their MQL/SQL stages, customers, revenue and lead times count whenever they happened. Traffic and spend are the daily stats of the period (campaigns and channels only). Each figure is {value, text}: value is null when its denominator is zero. format=csv answers text/csv, one column per figure.',
          querystring: EconomicsQuerySchema,
          response: { 200: EconomicsReportSchema, ...errors },
        },
      },
      async (request, reply) => {
        mustSeeEconomics(principalOf(request));
        const q = request.query;
        const report = await economicsReportOf(
          database.db,
          GROUPING[name],
          {
            period: periodOf(q, config.reports.timeZone),
            locale: q.locale,
            ...(q.by ? { by: q.by } : {}),
            ...(q.channelId ? { channelId: q.channelId } : {}),
            ...(q.campaignId ? { campaignId: q.campaignId } : {}),
          },
          settings,
        );
        if (q.format === 'csv') {
          // The CSV is a string past the JSON schema, which is typed for the json format.
          const csv: unknown = economicsCsv(GROUPING[name], report);
          return reply
            .type('text/csv; charset=utf-8')
            .header('content-disposition', `attachment; filename="report-${name}-${q.from}-${q.to}.csv"`)
            .send(csv as typeof report);
        }
        return report;
      },
    );
  }

  app.get(
    '/api/reports/funnel',
    {
      config: { access: 'read' },
      schema: {
        tags: ['reports'],
        summary: 'Funnel: counts per stage, drop-off and the bottleneck',
        description:
          'Stages: clicks (when the period has stats and no ownerId is given) → inquiries → leads → contacted → mql → sql → converted → customers. A lead counts in every stage up to the furthest it reached in its history, so one that skipped MQL still counts in MQL. The bottleneck is the transition with the largest drop-off rate.',
        querystring: FunnelQuerySchema,
        response: { 200: FunnelReportSchema, ...errors },
      },
    },
    async (request) => {
      mustSeeEconomics(principalOf(request));
      const q = request.query;
      return funnelReportOf(database.db, {
        period: periodOf(q, config.reports.timeZone),
        locale: q.locale,
        ...(q.channelId ? { channelId: q.channelId } : {}),
        ...(q.campaignId ? { campaignId: q.campaignId } : {}),
        ...(q.ownerId ? { ownerId: q.ownerId } : {}),
      });
    },
  );

  app.get(
    '/api/reports/reps',
    {
      config: { access: 'read' },
      schema: {
        tags: ['reports'],
        summary: 'Rep performance: leads received and worked, first response, overdue tasks, conversion',
        description:
          'Received: leads assigned to the owner in the period (created in it, when never assigned by routing). Worked: of those, with a completed task. Overdue tasks: open and past due now. A rep sees only their own row.',
        querystring: RepsQuerySchema,
        response: { 200: RepsReportSchema, ...errors },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      if (principal.role === 'rep' && !principal.userId) throw forbidden('This token belongs to no rep.');
      const q = request.query;
      const report = await repsReportOf(database.db, {
        period: periodOf(q, config.reports.timeZone),
        locale: q.locale,
        now: deps.clock(),
        ...(principal.role === 'rep' && principal.userId ? { onlyUserId: principal.userId } : {}),
      });
      if (q.format === 'csv') {
        const csv: unknown = repsCsv(report);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="report-reps-${q.from}-${q.to}.csv"`)
          .send(csv as typeof report);
      }
      return report;
    },
  );
};
