import type { Attribution, AttributionKind } from '../types.ts';

export type TrackingLookup = { kind: AttributionKind; value: string };
export type KnownIdentifier = TrackingLookup & { channelId: string | null; campaignId: string | null };
export type ResolvedSource = {
  channelId: string | null;
  campaignId: string | null;
  resolvedBy?: TrackingLookup;
};

/** How each kind of identifier is compared: promo codes ignore case, UTM values too. */
export function normalizeTrackingValue(kind: AttributionKind, value: string): string {
  switch (kind) {
    case 'promo_code':
      return value.trim().toUpperCase();
    case 'utm_campaign':
    case 'utm_source':
    case 'referrer_domain':
      return value.trim().toLowerCase();
    default:
      return value.trim();
  }
}

export function referrerDomain(referrer: string | undefined): string | undefined {
  if (!referrer) return undefined;
  try {
    return new URL(referrer).hostname.toLowerCase().replace(/^www\./, '') || undefined;
  } catch {
    return undefined;
  }
}

/** The identifiers an inquiry carries, in the order they decide its source (PRODUCT.md step 5). */
export function trackingLookupsOf(attribution: Attribution): TrackingLookup[] {
  const raw: [AttributionKind, string | undefined][] = [
    ['partner_key', attribution.partnerKey],
    ['tracking_phone', attribution.trackingPhone],
    ['promo_code', attribution.promoCode],
    ['utm_campaign', attribution.utm_campaign],
    ['utm_source', attribution.utm_source],
    ['form_id', attribution.formId],
    ['referrer_domain', referrerDomain(attribution.referrer)],
  ];
  return raw.flatMap(([kind, value]) =>
    value ? [{ kind, value: normalizeTrackingValue(kind, value) }] : [],
  );
}

/**
 * The campaign is the first identifier, in priority order, that names one; the channel is that
 * campaign's channel, else the first identifier that names a channel, else the sender's hint.
 */
export function resolveSource(
  lookups: TrackingLookup[],
  known: KnownIdentifier[],
  campaignChannel: (campaignId: string) => string | null,
  channelHint: string | null,
): ResolvedSource {
  const byKey = new Map(known.map((k) => [`${k.kind}\u0000${k.value}`, k]));
  const hits = lookups.flatMap((lookup) => {
    const hit = byKey.get(`${lookup.kind}\u0000${lookup.value}`);
    return hit ? [hit] : [];
  });
  const campaignHit = hits.find((h) => h.campaignId);
  if (campaignHit?.campaignId) {
    return {
      campaignId: campaignHit.campaignId,
      channelId: campaignHit.channelId ?? campaignChannel(campaignHit.campaignId),
      resolvedBy: { kind: campaignHit.kind, value: campaignHit.value },
    };
  }
  const channelHit = hits.find((h) => h.channelId);
  if (channelHit) {
    return {
      campaignId: null,
      channelId: channelHit.channelId,
      resolvedBy: { kind: channelHit.kind, value: channelHit.value },
    };
  }
  return { campaignId: null, channelId: channelHint };
}
