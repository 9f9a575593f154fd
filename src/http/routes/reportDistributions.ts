import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Locale } from '../../domain/metrics.ts';
import { ProblemSchema } from '../../schemas/problem.ts';
import {
  type DistributionQuery,
  DistributionQuerySchema,
  FIRST_RESPONSE_BOUNDS,
  FIRST_RESPONSE_BUCKETS,
  FirstResponseDistributionSchema,
  LEAD_TIME_BOUNDS,
  LEAD_TIME_BUCKETS,
  LeadTimeDistributionSchema,
} from '../../schemas/reportDistributions.ts';
import { countFigure, percentFigure } from '../../services/reportFormat.ts';
import {
  type DistributionFilter,
  firstResponseDistribution,
  leadTimeDistribution,
} from '../../store/reports/distributions.ts';
import type { RouteDeps } from '../app.ts';
import { principalOf } from '../auth.ts';
import { mustSeeEconomics, periodOf } from './reports.ts';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 422: ProblemSchema };

function filterOf(query: DistributionQuery, defaultTimeZone: string): DistributionFilter {
  return {
    period: periodOf(query, defaultTimeZone),
    ...(query.channelId ? { channelId: query.channelId } : {}),
    ...(query.campaignId ? { campaignId: query.campaignId } : {}),
    ...(query.ownerId ? { ownerId: query.ownerId } : {}),
  };
}

/** The buckets in order with their bounds, counts and shares of the total. */
function bucketsOf<T extends string>(
  names: readonly T[],
  bounds: readonly number[],
  counts: Record<T, number>,
  locale: Locale,
) {
  const total = names.reduce((sum, name) => sum + counts[name], 0);
  return {
    total,
    buckets: names.map((bucket, index) => {
      // Names past the bounds (the unanswered leads) have no duration at all.
      const timed = index <= bounds.length;
      return {
        bucket,
        lowerSeconds: timed ? (index === 0 ? 0 : (bounds[index - 1] ?? null)) : null,
        upperSeconds: timed ? (bounds[index] ?? null) : null,
        count: counts[bucket],
        text: countFigure(counts[bucket], locale).text,
        share: percentFigure(total === 0 ? null : counts[bucket] / total, locale),
      };
    }),
  };
}

export const reportDistributionRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, deps) => {
  const { database, config } = deps;
  const description =
    'Leads are the cohort created in the period (created_at in [from, to + 1 day) in `tz`), spam, junk, interests and merged cards left out, as in the funnel. Filters: channelId, campaignId, ownerId. Every bucket is listed, in order, even when empty.';

  app.get(
    '/api/reports/lead-time-distribution',
    {
      config: { access: 'read' },
      schema: {
        tags: ['reports'],
        summary: 'Lead time distribution: converted leads by time from creation to conversion',
        description: `${description} Buckets: under 1 day, 1–3 days, 3–7 days, 1–2 weeks, 2–4 weeks, 4 weeks and more.`,
        querystring: DistributionQuerySchema,
        response: { 200: LeadTimeDistributionSchema, ...errors },
      },
    },
    async (request) => {
      mustSeeEconomics(principalOf(request));
      const q = request.query;
      const filter = filterOf(q, config.reports.timeZone);
      const counts = await leadTimeDistribution(database.db, filter);
      return {
        from: q.from,
        to: q.to,
        tz: filter.period.timeZone,
        ...bucketsOf(LEAD_TIME_BUCKETS, LEAD_TIME_BOUNDS, counts, q.locale),
      };
    },
  );

  app.get(
    '/api/reports/first-response-distribution',
    {
      config: { access: 'read' },
      schema: {
        tags: ['reports'],
        summary: 'First response time distribution: leads by time from creation to the first response',
        description: `${description} Buckets: under 5 minutes, 5–15 minutes, 15–60 minutes, 1–4 hours, 4–24 hours, a day and more, and the leads not answered yet.`,
        querystring: DistributionQuerySchema,
        response: { 200: FirstResponseDistributionSchema, ...errors },
      },
    },
    async (request) => {
      mustSeeEconomics(principalOf(request));
      const q = request.query;
      const filter = filterOf(q, config.reports.timeZone);
      const counts = await firstResponseDistribution(database.db, filter);
      return {
        from: q.from,
        to: q.to,
        tz: filter.period.timeZone,
        ...bucketsOf(FIRST_RESPONSE_BUCKETS, FIRST_RESPONSE_BOUNDS, counts, q.locale),
      };
    },
  );
};
