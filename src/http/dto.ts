import type { Campaign } from '../schemas/campaign.ts';
import type { Channel, ChannelOrigin, TrackingIdentifierInput } from '../schemas/channel.ts';
import type { Contact } from '../schemas/contact.ts';
import type { Inquiry, Lead, TimelineEvent } from '../schemas/lead.ts';
import type { ContactRow } from '../store/contacts.ts';
import type { InquiryRow } from '../store/inquiries.ts';
import type { LeadRow } from '../store/leads.ts';
import type { CampaignRow, ChannelRow, TrackingRow } from '../store/sources.ts';
import type { TimelineRow } from '../store/timeline.ts';

// Rows to API shapes. Typed against both sides, so a column added to one and not the other breaks
// the typecheck instead of leaking or vanishing silently.

/** A nullable timestamp as ISO 8601. */
export const iso = (at: Date | null): string | null => (at ? at.toISOString() : null);

export function toLeadDto(row: LeadRow): Lead {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    firstName: row.firstName,
    lastName: row.lastName,
    middleName: row.middleName,
    fullName: row.fullName,
    emails: row.emails,
    phones: row.phones,
    company: row.company,
    position: row.position,
    interest: row.interest,
    address: row.address,
    custom: row.custom,
    valid: row.valid,
    problems: row.problems,
    spam: row.spam,
    spamSignals: row.spamSignals,
    channelId: row.channelId,
    campaignId: row.campaignId,
    attribution: row.attribution,
    consent: row.consent,
    ownerId: row.ownerId,
    teamId: row.teamId,
    assignedAt: iso(row.assignedAt),
    firstResponseAt: iso(row.firstResponseAt),
    statusReason: row.statusReason,
    temperature: row.temperature,
    lifecycleStage: row.lifecycleStage,
    bant: row.bant,
    icpFit: row.icpFit,
    score: row.score,
    scoreBreakdown: row.scoreBreakdown,
    language: row.language,
    region: row.region,
    visitorId: row.visitorId,
    convertedAt: iso(row.convertedAt),
    contactId: row.contactId,
    companyId: row.companyId,
    dealId: row.dealId,
    refusedAt: iso(row.refusedAt),
    revisitAt: iso(row.revisitAt),
    mergedIntoId: row.mergedIntoId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toInquiryDto(row: InquiryRow): Inquiry {
  return {
    id: row.id,
    receivedAt: row.receivedAt.toISOString(),
    outcome: row.outcome as Inquiry['outcome'],
    leadId: row.leadId,
    contactId: row.contactId,
    channelId: row.channelId,
    campaignId: row.campaignId,
    problems: row.problems,
    spamSignals: row.spamSignals,
    error: row.error,
    externalId: row.externalId,
    contentType: row.contentType,
    rawBody: row.rawBody,
    ip: row.ip,
    userAgent: row.userAgent,
  };
}

export function toTimelineDto(row: TimelineRow): TimelineEvent {
  return { id: row.id, at: row.at.toISOString(), actor: row.actor, type: row.type, data: row.data };
}

export function toContactDto(row: ContactRow): Contact {
  return {
    id: row.id,
    firstName: row.firstName,
    lastName: row.lastName,
    middleName: row.middleName,
    fullName: row.fullName,
    emails: row.emails,
    phones: row.phones,
    companyId: row.companyId,
    companyName: row.companyName,
    position: row.position,
    address: row.address,
    custom: row.custom,
    ownerId: row.ownerId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const trackingOf = (rows: TrackingRow[]): TrackingIdentifierInput[] =>
  rows.map((t) => ({ kind: t.kind as TrackingIdentifierInput['kind'], value: t.value }));

export function toChannelDto(row: ChannelRow, tracking: TrackingRow[]): Channel {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    origin: row.origin as ChannelOrigin | null,
    active: row.active,
    tracking: trackingOf(tracking),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toCampaignDto(row: CampaignRow, tracking: TrackingRow[]): Campaign {
  return {
    id: row.id,
    channelId: row.channelId,
    name: row.name,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    pricingModel: row.pricingModel as Campaign['pricingModel'],
    price: row.price,
    budget: row.budget,
    currency: row.currency,
    averageMargin: row.averageMargin,
    leadFilters: row.leadFilters as Campaign['leadFilters'],
    active: row.active,
    tracking: trackingOf(tracking),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
