import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { KnownIdentifier, TrackingLookup } from '../domain/intake/attribution.ts';
import type { AttributionKind } from '../domain/types.ts';
import type { Executor } from './db.ts';
import { campaigns, channels, trackingIdentifiers } from './schema.ts';
import { queryRows } from './sql.ts';

export type ChannelRow = typeof channels.$inferSelect;
export type CampaignRow = typeof campaigns.$inferSelect;
export type TrackingRow = typeof trackingIdentifiers.$inferSelect;

/** Known identifiers among the ones inquiries carry, with the channel of their campaign. */
export async function findKnownIdentifiers(
  ex: Executor,
  lookups: TrackingLookup[],
): Promise<(KnownIdentifier & { campaignChannelId: string | null })[]> {
  if (lookups.length === 0) return [];
  const rows = await queryRows<{
    kind: AttributionKind;
    value: string;
    channel_id: string | null;
    campaign_id: string | null;
    campaign_channel_id: string | null;
  }>(
    ex,
    sql`SELECT t.kind, t.value, t.channel_id, t.campaign_id, c.channel_id AS campaign_channel_id
        FROM tracking_identifiers t LEFT JOIN campaigns c ON c.id = t.campaign_id
        WHERE (t.kind, t.value) IN (
          SELECT * FROM unnest(${sql.param(lookups.map((l) => l.kind))}::text[],
                               ${sql.param(lookups.map((l) => l.value))}::text[]))`,
  );
  return rows.map((r) => ({
    kind: r.kind,
    value: r.value,
    channelId: r.channel_id,
    campaignId: r.campaign_id,
    campaignChannelId: r.campaign_channel_id,
  }));
}

export async function findChannelsByCodes(ex: Executor, codes: string[]): Promise<ChannelRow[]> {
  if (codes.length === 0) return [];
  return ex.select().from(channels).where(inArray(channels.code, codes));
}

export async function listChannels(ex: Executor): Promise<ChannelRow[]> {
  return ex.select().from(channels).orderBy(asc(channels.name));
}

export async function findChannelById(ex: Executor, id: string): Promise<ChannelRow | undefined> {
  const [row] = await ex.select().from(channels).where(eq(channels.id, id));
  return row;
}

export async function insertChannel(ex: Executor, row: typeof channels.$inferInsert): Promise<ChannelRow> {
  const [created] = await ex.insert(channels).values(row).returning();
  if (!created) throw new Error('channel insert returned nothing');
  return created;
}

export async function updateChannel(
  ex: Executor,
  id: string,
  changes: Partial<typeof channels.$inferInsert>,
): Promise<ChannelRow | undefined> {
  const [row] = await ex.update(channels).set(changes).where(eq(channels.id, id)).returning();
  return row;
}

export async function listCampaigns(ex: Executor, filter: { channelId?: string }): Promise<CampaignRow[]> {
  return ex
    .select()
    .from(campaigns)
    .where(filter.channelId ? eq(campaigns.channelId, filter.channelId) : undefined)
    .orderBy(asc(campaigns.name));
}

export async function findCampaignById(ex: Executor, id: string): Promise<CampaignRow | undefined> {
  const [row] = await ex.select().from(campaigns).where(eq(campaigns.id, id));
  return row;
}

export async function insertCampaign(ex: Executor, row: typeof campaigns.$inferInsert): Promise<CampaignRow> {
  const [created] = await ex.insert(campaigns).values(row).returning();
  if (!created) throw new Error('campaign insert returned nothing');
  return created;
}

export async function updateCampaign(
  ex: Executor,
  id: string,
  changes: Partial<typeof campaigns.$inferInsert>,
): Promise<CampaignRow | undefined> {
  const [row] = await ex.update(campaigns).set(changes).where(eq(campaigns.id, id)).returning();
  return row;
}

export async function listTrackingOf(
  ex: Executor,
  owner: { channelIds?: string[]; campaignIds?: string[] },
): Promise<TrackingRow[]> {
  const rows: TrackingRow[] = [];
  if (owner.channelIds?.length) {
    rows.push(
      ...(await ex
        .select()
        .from(trackingIdentifiers)
        .where(inArray(trackingIdentifiers.channelId, owner.channelIds))),
    );
  }
  if (owner.campaignIds?.length) {
    rows.push(
      ...(await ex
        .select()
        .from(trackingIdentifiers)
        .where(inArray(trackingIdentifiers.campaignId, owner.campaignIds))),
    );
  }
  return rows;
}

/** Sets the full list of a channel's or campaign's tracking identifiers. */
export async function replaceTracking(
  ex: Executor,
  owner: { channelId: string; campaignId?: undefined } | { campaignId: string; channelId?: undefined },
  identifiers: TrackingLookup[],
): Promise<void> {
  if (owner.campaignId) {
    await ex.delete(trackingIdentifiers).where(eq(trackingIdentifiers.campaignId, owner.campaignId));
  } else if (owner.channelId) {
    await ex.execute(
      sql`DELETE FROM tracking_identifiers WHERE channel_id = ${owner.channelId} AND campaign_id IS NULL`,
    );
  }
  if (identifiers.length === 0) return;
  await ex.insert(trackingIdentifiers).values(
    identifiers.map((i) => ({
      kind: i.kind,
      value: i.value,
      channelId: owner.channelId ?? null,
      campaignId: owner.campaignId ?? null,
    })),
  );
}
