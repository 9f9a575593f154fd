import { type SQL, sql } from 'drizzle-orm';
import { countedLead, NOT_TARGET_REASONS, reachedMql, reachedSql } from './period.ts';

// The cells of the economics report: its figures counted per key, bucket and (where spend needs
// it) campaign, from the leads and inquiries of some time ranges. The report counts them for the
// ranges no daily rollup covers; the rollups (days.ts) count and keep them per day. Cells of one
// row add up, and their lead and response times pool (report_array_cat), into the row's figures.

export type EconomicsGrouping = 'campaign' | 'channel' | 'form' | 'owner';

/**
 * The key of each source for a grouping, in its own type (uuid ids sort and hash much faster than
 * their text), and `none`: the key of the leads with no campaign / channel / form / owner, which
 * count in a row of their own so that a report adds up to the funnel. `none` groups and joins
 * where NULL would not; the result turns it back into null. `fromText` reads a key kept as text.
 */
export type Keys = {
  lead: SQL;
  stat: SQL | null;
  inquiry: SQL;
  inquiryJoinsLead: boolean;
  none: SQL;
  fromText: (text: SQL) => SQL;
};

export const NO_ID = sql`'00000000-0000-0000-0000-000000000000'::uuid`;

const uuidFromText = (text: SQL) => sql`(${text})::uuid`;

/** The key of each source for a grouping; forms and owners have no traffic (stats are per campaign). */
export function keysOf(grouping: EconomicsGrouping): Keys {
  switch (grouping) {
    case 'campaign':
      return {
        lead: sql`l.campaign_id`,
        stat: sql`c.id`,
        inquiry: sql`i.campaign_id`,
        inquiryJoinsLead: false,
        none: NO_ID,
        fromText: uuidFromText,
      };
    case 'channel':
      return {
        lead: sql`l.channel_id`,
        stat: sql`c.channel_id`,
        inquiry: sql`i.channel_id`,
        inquiryJoinsLead: false,
        none: NO_ID,
        fromText: uuidFromText,
      };
    case 'form':
      // Inquiries carry no form of their own: they take the form of the card they created or joined.
      return {
        lead: sql`(l.attribution->>'formId')`,
        stat: null,
        inquiry: sql`(il.attribution->>'formId')`,
        inquiryJoinsLead: true,
        none: sql`''`,
        fromText: (text) => text,
      };
    case 'owner':
      return {
        lead: sql`l.owner_id`,
        stat: null,
        inquiry: sql`il.owner_id`,
        inquiryJoinsLead: true,
        none: NO_ID,
        fromText: uuidFromText,
      };
  }
}

/**
 * The campaign of a cell, where spend needs it: the key itself in a campaign report (one group
 * column less lets PostgreSQL count in a hash table rather than sort the cohort), the lead's
 * campaign in a channel report (a campaign priced per lead costs its valid leads), none for forms
 * and owners, whose cells keep the campaigns' currencies instead.
 */
function cellCampaignOf(grouping: EconomicsGrouping, source: 'l' | 'i'): SQL | null {
  const keys = keysOf(grouping);
  if (grouping === 'campaign')
    return sql`coalesce(${source === 'l' ? keys.lead : keys.inquiry}, ${keys.none})`;
  if (grouping === 'channel') return sql.raw(`${source}.campaign_id`);
  return null;
}

/** The count columns of a lead cell after its key, in order (its values follow them). */
export const COUNT_COLUMN_NAMES = [
  'campaign_id',
  'leads',
  'valid_leads',
  'target_leads',
  'mql',
  'sql_count',
  'lead_currency_min',
  'lead_currency_max',
  'customers',
  'revenue',
  'deal_currency_min',
  'deal_currency_max',
];

/** The columns of a lead cell, in order (after its bucket). */
export const LEAD_CELL_COLUMNS = sql.raw(
  ['key', ...COUNT_COLUMN_NAMES, 'lead_times', 'response_times'].join(', '),
);

/**
 * The cohort's cells over `ranges` (a relation of bucket, starts, ends): the leads created in each
 * range, counted as PRODUCT.md §3 counts them, with their lead times (hours) and first response
 * times (minutes). Counted range by range (lateral): each is a range scan of
 * leads_report_cohort_idx into a small hash table; joined freely, PostgreSQL may instead test
 * every lead against each range in turn, which costs seconds on a year of months.
 */
export function leadCellsOver(grouping: EconomicsGrouping, ranges: SQL, leadFilter: SQL): SQL {
  const keys = keysOf(grouping);
  const campaign = cellCampaignOf(grouping, 'l');
  return sql`SELECT b.bucket, c.* FROM ${ranges} b CROSS JOIN LATERAL (
      SELECT coalesce(${keys.lead}, ${keys.none}) AS key, ${campaign ?? sql`NULL::uuid`} AS campaign_id,
        count(*) AS leads,
        count(*) FILTER (WHERE l.valid) AS valid_leads,
        count(*) FILTER (WHERE l.valid AND NOT (l.status = 'refused'
          AND coalesce(l.status_reason = ANY(${NOT_TARGET_REASONS}), false))) AS target_leads,
        count(*) FILTER (WHERE ${reachedMql('l')}) AS mql,
        count(*) FILTER (WHERE ${reachedSql('l')}) AS sql_count,
        ${campaign ? sql`NULL::text` : sql`min(cm.currency)`} AS lead_currency_min,
        ${campaign ? sql`NULL::text` : sql`max(cm.currency)`} AS lead_currency_max,
        count(l.won_revenue) AS customers, sum(l.won_revenue) AS revenue,
        min(l.won_currency) AS deal_currency_min, max(l.won_currency) AS deal_currency_max,
        array_agg(date_part('epoch', l.converted_at - l.created_at) / 3600) FILTER (WHERE l.converted_at IS NOT NULL)
          AS lead_times,
        array_agg(date_part('epoch', l.first_response_at - l.created_at) / 60)
          FILTER (WHERE l.first_response_at IS NOT NULL) AS response_times
      FROM leads l${campaign ? sql`` : sql` LEFT JOIN campaigns cm ON cm.id = l.campaign_id`}
      WHERE l.created_at >= b.starts AND l.created_at < b.ends AND ${countedLead('l')}${leadFilter}
      GROUP BY 1${grouping === 'channel' ? sql`, 2` : sql``}
    ) c`;
}

/**
 * Inquiries received in `ranges`, every outcome but 'replayed' and 'failed' (attached duplicates
 * and spam count here), per bucket and key, and per cell campaign when `withCampaign`.
 */
export function inquiryCellsOver(
  grouping: EconomicsGrouping,
  ranges: SQL,
  inquiryFilter: SQL,
  withCampaign: boolean,
): SQL {
  const keys = keysOf(grouping);
  const campaign = withCampaign ? cellCampaignOf(grouping, 'i') : null;
  const inquiryJoin = keys.inquiryJoinsLead ? sql`LEFT JOIN leads il ON il.id = i.lead_id` : sql``;
  return sql`SELECT b.bucket, coalesce(${keys.inquiry}, ${keys.none}) AS key,
      ${campaign ?? sql`NULL::uuid`} AS campaign_id, count(*) AS inquiries
    FROM ${ranges} b JOIN inquiries i ON i.received_at >= b.starts AND i.received_at < b.ends ${inquiryJoin}
    WHERE i.outcome NOT IN ('replayed', 'failed')${inquiryFilter}
    GROUP BY 1, 2, 3`;
}
