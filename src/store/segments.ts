import { and, asc, eq, gt, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { LeadScope } from '../domain/permissions.ts';
import type { Executor } from './db.ts';
import { leads } from './schema.ts';

export type SegmentFilter = {
  consent: 'given' | 'withdrawn' | 'unknown' | 'any';
  statuses?: string[];
  reasons?: string[];
  lifecycles?: string[];
  temperatures?: string[];
  channelId?: string;
  campaignId?: string;
  includeSpam: boolean;
  scope: LeadScope;
};

const consentCondition = (consent: SegmentFilter['consent']): SQL | undefined => {
  switch (consent) {
    case 'given':
      return sql`(${leads.consent}->>'given')::boolean IS TRUE`;
    case 'withdrawn':
      return sql`(${leads.consent}->>'given')::boolean IS FALSE`;
    case 'unknown':
      return sql`(${leads.consent} IS NULL OR ${leads.consent}->'given' IS NULL OR jsonb_typeof(${leads.consent}) = 'null')`;
    case 'any':
      return undefined;
  }
};

const oneOf = (column: Parameters<typeof inArray>[0], values: string[] | undefined) =>
  values && values.length > 0 ? inArray(column, values) : undefined;

export const segmentColumns = {
  id: leads.id,
  fullName: leads.fullName,
  emails: leads.emails,
  phones: leads.phones,
  company: leads.company,
  status: leads.status,
  statusReason: leads.statusReason,
  lifecycleStage: leads.lifecycleStage,
  temperature: leads.temperature,
  consent: leads.consent,
};
export type SegmentRow = {
  [K in keyof typeof segmentColumns]: (typeof leads.$inferSelect)[K];
};

/** One page of a segment in id order (ids are time-ordered), for streaming exports of any size. */
export async function segmentLeadsPage(
  ex: Executor,
  filter: SegmentFilter,
  page: { afterId?: string; limit: number },
): Promise<SegmentRow[]> {
  if (filter.scope.kind === 'none') return [];
  const conditions: (SQL | undefined)[] = [
    isNull(leads.mergedIntoId),
    filter.includeSpam ? undefined : eq(leads.spam, false),
    consentCondition(filter.consent),
    oneOf(leads.status, filter.statuses),
    oneOf(leads.statusReason, filter.reasons),
    oneOf(leads.lifecycleStage, filter.lifecycles),
    oneOf(leads.temperature, filter.temperatures),
    filter.channelId ? eq(leads.channelId, filter.channelId) : undefined,
    filter.campaignId ? eq(leads.campaignId, filter.campaignId) : undefined,
    filter.scope.kind === 'own_and_pool'
      ? or(eq(leads.ownerId, filter.scope.userId), isNull(leads.ownerId))
      : undefined,
    page.afterId ? gt(leads.id, page.afterId) : undefined,
  ];
  return ex
    .select(segmentColumns)
    .from(leads)
    .where(and(...conditions))
    .orderBy(asc(leads.id))
    .limit(page.limit);
}
