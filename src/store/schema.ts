import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  real,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { Address, Attribution, Consent, LeadProblem, MatchFields, SpamSignal } from '../domain/types.ts';
import { createdAt, id, updatedAt } from './columns.ts';

export const channels = pgTable('channels', {
  id: id(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  // seeds / nets / spears (PRODUCT.md section 1), optional
  origin: text('origin'),
  active: boolean('active').notNull().default(true),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const campaigns = pgTable(
  'campaigns',
  {
    id: id(),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id),
    name: text('name').notNull(),
    startsOn: date('starts_on'),
    endsOn: date('ends_on'),
    pricingModel: text('pricing_model').notNull().default('free'),
    price: numeric('price', { precision: 14, scale: 4 }),
    budget: numeric('budget', { precision: 14, scale: 2 }),
    currency: text('currency').notNull().default('RUB'),
    // Average margin per customer, for the affordable CPL (falls back to the global setting).
    averageMargin: numeric('average_margin', { precision: 16, scale: 2 }),
    // Bought leads: the buyer's filters ({field, op, value} conditions); a delivery failing them is
    // invalid and not paid for.
    leadFilters: jsonb('lead_filters')
      .$type<Array<{ field: string; op: string; value?: unknown }>>()
      .notNull()
      .default([]),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('campaigns_channel_idx').on(t.channelId)],
);

// Values that tag a lead with its source: partner keys, tracking phones, promo codes, UTM values,
// form ids and referrer domains. One row each, pointing at a campaign or only at a channel.
export const trackingIdentifiers = pgTable(
  'tracking_identifiers',
  {
    id: id(),
    kind: text('kind').notNull(),
    value: text('value').notNull(),
    channelId: uuid('channel_id').references(() => channels.id, { onDelete: 'cascade' }),
    campaignId: uuid('campaign_id').references(() => campaigns.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('tracking_identifiers_kind_value_uq').on(t.kind, t.value),
    index('tracking_identifiers_campaign_idx').on(t.campaignId),
    index('tracking_identifiers_channel_idx').on(t.channelId),
  ],
);

export const companies = pgTable(
  'companies',
  {
    id: id(),
    name: text('name').notNull(),
    // INN in Russia; okpo, kpp and the registration number (OGRN) are Russian registry codes.
    taxId: text('tax_id'),
    kpp: text('kpp'),
    okpo: text('okpo'),
    registrationNumber: text('registration_number'),
    legalAddress: jsonb('legal_address').$type<Address>(),
    postalAddress: jsonb('postal_address').$type<Address>(),
    sourceLeadId: uuid('source_lead_id'),
    emails: text('emails').array().notNull().default(sql`'{}'::text[]`),
    phones: text('phones').array().notNull().default(sql`'{}'::text[]`),
    website: text('website'),
    address: jsonb('address').$type<Address>(),
    ownerId: uuid('owner_id'),
    searchText: text('search_text').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('companies_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`)],
);

export const contacts = pgTable(
  'contacts',
  {
    id: id(),
    firstName: text('first_name'),
    lastName: text('last_name'),
    middleName: text('middle_name'),
    fullName: text('full_name').notNull(),
    emails: text('emails').array().notNull().default(sql`'{}'::text[]`),
    phones: text('phones').array().notNull().default(sql`'{}'::text[]`),
    companyId: uuid('company_id').references(() => companies.id),
    companyName: text('company_name'),
    position: text('position'),
    address: jsonb('address').$type<Address>(),
    custom: jsonb('custom').$type<Record<string, unknown>>().notNull().default({}),
    consent: jsonb('consent').$type<Consent>(),
    ownerId: uuid('owner_id'),
    sourceLeadId: uuid('source_lead_id'),
    searchText: text('search_text').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('contacts_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`)],
);

export const leads = pgTable(
  'leads',
  {
    id: id(),
    kind: text('kind').$type<'lead' | 'interest'>().notNull(),
    status: text('status').notNull().default('new'),
    firstName: text('first_name'),
    lastName: text('last_name'),
    middleName: text('middle_name'),
    fullName: text('full_name').notNull().default(''),
    emails: text('emails').array().notNull().default(sql`'{}'::text[]`),
    phones: text('phones').array().notNull().default(sql`'{}'::text[]`),
    company: text('company'),
    position: text('position'),
    interest: text('interest'),
    address: jsonb('address').$type<Address>(),
    custom: jsonb('custom').$type<Record<string, unknown>>().notNull().default({}),
    valid: boolean('valid').notNull(),
    problems: jsonb('problems').$type<LeadProblem[]>().notNull().default([]),
    spam: boolean('spam').notNull().default(false),
    spamSignals: jsonb('spam_signals').$type<SpamSignal[]>().notNull().default([]),
    channelId: uuid('channel_id').references(() => channels.id),
    campaignId: uuid('campaign_id').references(() => campaigns.id),
    attribution: jsonb('attribution').$type<Attribution>().notNull().default({}),
    consent: jsonb('consent').$type<Consent>(),
    // The rep who owns the card (users.id); null while it waits in the pool or for the head.
    ownerId: uuid('owner_id'),
    teamId: uuid('team_id'),
    assignedAt: timestamp('assigned_at', { withTimezone: true }),
    // Set once routing (assignment + first task) has run; null rows are picked up after a crash.
    routedAt: timestamp('routed_at', { withTimezone: true }),
    firstResponseAt: timestamp('first_response_at', { withTimezone: true }),
    statusReason: text('status_reason'),
    temperature: text('temperature').$type<'hot' | 'warm' | 'cold'>(),
    lifecycleStage: text('lifecycle_stage').notNull().default('iql'),
    // Milestones the funnel counts even after a step back (return to marketing, reopening): the
    // highest lifecycle rank ever held and whether the lead was ever converted. Kept by the trigger
    // leads_track_milestones (migration 0006) on every write, whoever makes it.
    peakStageRank: smallint('peak_stage_rank').notNull().default(0),
    reachedConverted: boolean('reached_converted').notNull().default(false),
    // The sum and currency of the lead's won deals (null: no won deal, not a customer), kept by the
    // trigger deals_track_won_revenue (migration 0006) so reports count customers from the lead.
    wonRevenue: numeric('won_revenue', { precision: 16, scale: 2 }),
    wonCurrency: text('won_currency'),
    bant: jsonb('bant').$type<Record<string, unknown>>().notNull().default({}),
    icpFit: text('icp_fit'),
    score: integer('score').notNull().default(0),
    scoreBreakdown: jsonb('score_breakdown').$type<Array<Record<string, unknown>>>().notNull().default([]),
    language: text('language'),
    region: text('region'),
    visitorId: text('visitor_id'),
    convertedAt: timestamp('converted_at', { withTimezone: true }),
    contactId: uuid('contact_id').references(() => contacts.id),
    companyId: uuid('company_id').references(() => companies.id),
    dealId: uuid('deal_id'),
    refusedAt: timestamp('refused_at', { withTimezone: true }),
    revisitAt: timestamp('revisit_at', { withTimezone: true }),
    mergedIntoId: uuid('merged_into_id'),
    searchText: text('search_text').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('leads_created_idx').on(t.createdAt, t.id),
    index('leads_status_idx').on(t.status, t.createdAt),
    index('leads_campaign_idx').on(t.campaignId, t.createdAt),
    index('leads_channel_idx').on(t.channelId, t.createdAt),
    index('leads_owner_idx').on(t.ownerId, t.status),
    index('leads_unrouted_idx').on(t.createdAt).where(sql`routed_at IS NULL`),
    index('leads_revisit_idx').on(t.revisitAt).where(sql`revisit_at IS NOT NULL`),
    index('leads_visitor_idx').on(t.visitorId).where(sql`visitor_id IS NOT NULL`),
    // Engagement events and conversion suggestions find leads by any of their emails or phones.
    index('leads_emails_gin_idx').using('gin', t.emails),
    index('leads_phones_gin_idx').using('gin', t.phones),
    index('leads_converted_idx').on(t.convertedAt).where(sql`converted_at IS NOT NULL`),
    index('leads_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    // Reports read the counted leads of a period from this index alone (an index-only scan of
    // narrow entries instead of the wide rows); the predicate is countedLead() word for word.
    index('leads_report_cohort_idx')
      .on(
        t.createdAt,
        t.id,
        t.campaignId,
        t.channelId,
        t.ownerId,
        t.valid,
        t.status,
        t.statusReason,
        t.peakStageRank,
        t.reachedConverted,
        t.wonRevenue,
        t.wonCurrency,
        t.convertedAt,
        t.firstResponseAt,
      )
      .where(sql`kind = 'lead' AND NOT spam AND status <> 'junk' AND merged_into_id IS NULL`),
  ],
);

// Every inbound touch, kept verbatim whatever happened to it.
export const inquiries = pgTable(
  'inquiries',
  {
    id: id(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    channelId: uuid('channel_id').references(() => channels.id),
    campaignId: uuid('campaign_id').references(() => campaigns.id),
    leadId: uuid('lead_id').references(() => leads.id),
    contactId: uuid('contact_id').references(() => contacts.id),
    // created | attached | rejected | failed
    outcome: text('outcome').notNull(),
    problems: jsonb('problems').$type<LeadProblem[]>().notNull().default([]),
    spamSignals: jsonb('spam_signals').$type<SpamSignal[]>().notNull().default([]),
    error: text('error'),
    // A failed inquiry captured again later points at the inquiry that replaced it.
    reprocessedAs: uuid('reprocessed_as'),
    // Retries with the same Idempotency-Key header, or the same external id from the same source,
    // return this inquiry's result instead of capturing again.
    idempotencyKey: text('idempotency_key'),
    payloadHash: text('payload_hash'),
    externalId: text('external_id'),
    externalKey: text('external_key'),
    contentType: text('content_type'),
    // The body exactly as received (NUL characters, which PostgreSQL cannot store, become U+FFFD).
    rawBody: text('raw_body'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    // The person's first email and phone as normalized, for flood detection per contact.
    email: text('email'),
    phone: text('phone'),
    actor: text('actor'),
  },
  (t) => [
    // Partial indexes: most inquiries carry no key, and every index costs each insert.
    uniqueIndex('inquiries_idempotency_uq').on(t.idempotencyKey).where(sql`idempotency_key IS NOT NULL`),
    uniqueIndex('inquiries_external_uq').on(t.externalKey).where(sql`external_key IS NOT NULL`),
    index('inquiries_lead_idx').on(t.leadId, t.receivedAt),
    index('inquiries_contact_idx').on(t.contactId).where(sql`contact_id IS NOT NULL`),
    index('inquiries_ip_idx').on(t.ip, t.receivedAt),
    index('inquiries_email_idx').on(t.email, t.receivedAt).where(sql`email IS NOT NULL`),
    index('inquiries_phone_idx').on(t.phone, t.receivedAt).where(sql`phone IS NOT NULL`),
    // By time; the other columns let reports count inquiries from the index alone.
    index('inquiries_received_idx').on(t.receivedAt, t.outcome, t.campaignId, t.channelId, t.leadId),
  ],
);

// Who changed what, when, for every lead (and contact).
export const timelineEvents = pgTable(
  'timeline_events',
  {
    id: id(),
    leadId: uuid('lead_id').references(() => leads.id),
    contactId: uuid('contact_id').references(() => contacts.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actor: text('actor').notNull(),
    type: text('type').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('timeline_lead_idx').on(t.leadId, t.at), index('timeline_contact_idx').on(t.contactId, t.at)],
);

// The identities a card is known by (its own data plus every attached inquiry's), compared by the
// duplicate matcher. Candidates are found through match_keys, never by scanning.
export const matchProfiles = pgTable(
  'match_profiles',
  {
    id: id(),
    leadId: uuid('lead_id').references(() => leads.id),
    contactId: uuid('contact_id').references(() => contacts.id),
    fields: jsonb('fields').$type<MatchFields>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('match_profiles_lead_idx').on(t.leadId), index('match_profiles_contact_idx').on(t.contactId)],
);

export const matchKeys = pgTable(
  'match_keys',
  {
    key: text('key').notNull(),
    profileId: uuid('profile_id')
      .notNull()
      .references(() => matchProfiles.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.key, t.profileId] }), index('match_keys_profile_idx').on(t.profileId)],
);

// Uncertain duplicate pairs waiting for a person to merge or dismiss them.
export const duplicateReviews = pgTable(
  'duplicate_reviews',
  {
    id: id(),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id),
    candidateLeadId: uuid('candidate_lead_id').references(() => leads.id),
    candidateContactId: uuid('candidate_contact_id').references(() => contacts.id),
    score: real('score').notNull(),
    breakdown: jsonb('breakdown').$type<Record<string, number>>().notNull().default({}),
    status: text('status').$type<'open' | 'merged' | 'dismissed'>().notNull().default('open'),
    createdAt: createdAt(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedBy: text('resolved_by'),
  },
  (t) => [
    index('duplicate_reviews_status_idx').on(t.status, t.createdAt),
    index('duplicate_reviews_lead_idx').on(t.leadId),
    index('duplicate_reviews_candidate_lead_idx').on(t.candidateLeadId),
    // One open review per pair, whichever side came first.
    uniqueIndex('duplicate_reviews_open_pair_uq')
      .on(
        sql`least(${t.leadId}, coalesce(${t.candidateLeadId}, ${t.candidateContactId}))`,
        sql`greatest(${t.leadId}, coalesce(${t.candidateLeadId}, ${t.candidateContactId}))`,
      )
      .where(sql`status = 'open'`),
  ],
);

export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    // null recipient: nobody owns the card yet, so the notice waits for whoever distributes leads.
    recipientId: uuid('recipient_id'),
    type: text('type').notNull(),
    leadId: uuid('lead_id').references(() => leads.id),
    contactId: uuid('contact_id').references(() => contacts.id),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    // Same key, same notice: the scheduler can retry without notifying twice.
    dedupKey: text('dedup_key').unique(),
    createdAt: createdAt(),
    readAt: timestamp('read_at', { withTimezone: true }),
    // Written by capture, which batches its inserts and does not look up recipients: the
    // scheduler's email-capture-notices queues the email (when mail is configured) and clears it.
    emailPending: boolean('email_pending').notNull().default(false),
  },
  (t) => [
    index('notifications_recipient_idx').on(t.recipientId, t.createdAt),
    index('notifications_email_pending_idx').on(t.createdAt).where(sql`email_pending`),
  ],
);

// API tokens kept in the database (the configured ones live in memory only). Only a hash is stored.
export const apiTokens = pgTable('api_tokens', {
  id: id(),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  scope: text('scope').$type<'capture' | 'read' | 'full'>().notNull(),
  userId: uuid('user_id'),
  createdAt: createdAt(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: updatedAt(),
});

export const schemaTables = {
  channels,
  campaigns,
  trackingIdentifiers,
  companies,
  contacts,
  leads,
  inquiries,
  timelineEvents,
  matchProfiles,
  matchKeys,
  duplicateReviews,
  notifications,
  apiTokens,
  settings,
};
