import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import type { Role } from '../domain/permissions.ts';
import type { WorkSchedule } from '../domain/workingHours.ts';
import { createdAt, id, updatedAt } from './columns.ts';
import { companies, contacts, leads } from './schema.ts';

// Sales workflow: people, routing, tasks, scoring, deals, outgoing email. Kept apart from the
// capture tables so each file stays about one part of the flow.

const at = (name: string) => timestamp(name, { withTimezone: true });

export const users = pgTable('users', {
  id: id(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  role: text('role').$type<Role>().notNull(),
  locale: text('locale').$type<'en' | 'ru'>().notNull().default('en'),
  // scrypt hash "scrypt$N$r$p$salt$hash"; null for users who only use API tokens.
  passwordHash: text('password_hash'),
  active: boolean('active').notNull().default(true),
  // A rep's own hours (part-time, shifts); null: the team's hours alone decide.
  workSchedule: jsonb('work_schedule').$type<WorkSchedule>(),
  lastLoginAt: at('last_login_at'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

// Cookie sessions; only a hash of the session secret is stored.
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    expiresAt: at('expires_at').notNull(),
    lastSeenAt: at('last_seen_at').notNull().defaultNow(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Weekly working hours: ISO weekday (1 = Monday … 7 = Sunday) to ["09:00", "18:00"] spans. */
export type WorkingHours = Record<string, Array<[string, string]>>;

export const teams = pgTable('teams', {
  id: id(),
  name: text('name').notNull(),
  headId: uuid('head_id').references(() => users.id),
  timeZone: text('time_zone').notNull().default('Europe/Moscow'),
  workingHours: jsonb('working_hours').$type<WorkingHours>().notNull(),
  // Days off on top of the weekly schedule, as YYYY-MM-DD in the team's time zone.
  holidays: text('holidays').array().notNull().default(sql`'{}'::text[]`),
  assignmentMethod: text('assignment_method')
    .$type<'least_loaded' | 'round_robin'>()
    .notNull()
    .default('least_loaded'),
  onlyWorkingHours: boolean('only_working_hours').notNull().default(false),
  // Round robin cursor: the member who got the previous lead.
  lastAssignedUserId: uuid('last_assigned_user_id'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const teamMembers = pgTable(
  'team_members',
  {
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index('team_members_user_idx').on(t.userId)],
);

export const absences = pgTable(
  'absences',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    startsAt: at('starts_at').notNull(),
    endsAt: at('ends_at').notNull(),
    reason: text('reason'),
    createdAt: createdAt(),
  },
  (t) => [index('absences_user_idx').on(t.userId, t.endsAt)],
);

export type RuleCondition = { field: string; op: string; value?: unknown };
export type AssignmentTarget =
  | { type: 'user'; userId: string }
  | { type: 'team'; teamId: string }
  | { type: 'pool' }
  | { type: 'manual' };

// Ordered routing rules; the first whose conditions all hold picks the target. A rule may be
// limited to one channel (channel_id) or apply to all (null).
export const assignmentRules = pgTable(
  'assignment_rules',
  {
    id: id(),
    name: text('name').notNull(),
    position: integer('position').notNull().default(0),
    channelId: uuid('channel_id'),
    conditions: jsonb('conditions').$type<RuleCondition[]>().notNull().default([]),
    target: jsonb('target').$type<AssignmentTarget>().notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('assignment_rules_position_idx').on(t.position)],
);

export type TaskType =
  | 'call'
  | 'email'
  | 'meeting'
  | 'send_offer'
  | 'send_materials'
  | 'assign_owner'
  | 'other';

export const tasks = pgTable(
  'tasks',
  {
    id: id(),
    leadId: uuid('lead_id').references(() => leads.id),
    contactId: uuid('contact_id').references(() => contacts.id),
    dealId: uuid('deal_id'),
    type: text('type').$type<TaskType>().notNull(),
    title: text('title').notNull(),
    note: text('note'),
    dueAt: at('due_at').notNull(),
    // null: the task waits for whoever distributes leads (the sales heads).
    assigneeId: uuid('assignee_id').references(() => users.id),
    status: text('status').$type<'open' | 'done' | 'canceled'>().notNull().default('open'),
    // The first-response task of a lead: its completion is the lead's first response.
    firstResponse: boolean('first_response').notNull().default(false),
    result: text('result'),
    completedAt: at('completed_at'),
    completedBy: text('completed_by'),
    createdBy: text('created_by').notNull(),
    // Scheduler marks, each set once so that no reminder or escalation fires twice.
    remindedAt: at('reminded_at'),
    overdueAt: at('overdue_at'),
    escalatedAt: at('escalated_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('tasks_assignee_idx').on(t.assigneeId, t.status, t.dueAt),
    index('tasks_lead_idx').on(t.leadId, t.createdAt),
    index('tasks_open_due_idx').on(t.dueAt).where(sql`status = 'open'`),
  ],
);

export type ScoreCondition = RuleCondition;

export const scoringRules = pgTable('scoring_rules', {
  id: id(),
  kind: text('kind').$type<'fit' | 'engagement'>().notNull(),
  name: text('name').notNull(),
  // fit: conditions on lead fields; engagement: an event type and an optional URL pattern.
  conditions: jsonb('conditions').$type<ScoreCondition[]>().notNull().default([]),
  eventType: text('event_type'),
  urlPattern: text('url_pattern'),
  points: integer('points').notNull(),
  // Engagement points lose half their value every decay_days (null: no decay).
  decayDays: integer('decay_days'),
  active: boolean('active').notNull().default(true),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const engagementEvents = pgTable(
  'engagement_events',
  {
    id: id(),
    leadId: uuid('lead_id').references(() => leads.id),
    type: text('type').notNull(),
    url: text('url'),
    email: text('email'),
    phone: text('phone'),
    visitorId: text('visitor_id'),
    occurredAt: at('occurred_at').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    index('engagement_events_lead_idx').on(t.leadId, t.occurredAt),
    index('engagement_events_visitor_idx').on(t.visitorId).where(sql`visitor_id IS NOT NULL`),
    // Events nobody could match yet wait here for a lead with their email or phone.
    index('engagement_events_unmatched_email_idx')
      .on(t.email)
      .where(sql`lead_id IS NULL AND email IS NOT NULL`),
    index('engagement_events_unmatched_phone_idx')
      .on(t.phone)
      .where(sql`lead_id IS NULL AND phone IS NOT NULL`),
  ],
);

export const deals = pgTable(
  'deals',
  {
    id: id(),
    title: text('title').notNull(),
    leadId: uuid('lead_id').references(() => leads.id),
    contactId: uuid('contact_id').references(() => contacts.id),
    companyId: uuid('company_id').references(() => companies.id),
    // Money as exact decimals; rounded only when shown.
    amount: numeric('amount', { precision: 16, scale: 2 }).notNull().default('0'),
    currency: text('currency').notNull().default('RUB'),
    stage: text('stage').notNull().default('new'),
    status: text('status').$type<'open' | 'won' | 'lost'>().notNull().default('open'),
    lostReason: text('lost_reason'),
    ownerId: uuid('owner_id').references(() => users.id),
    closedAt: at('closed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('deals_lead_idx').on(t.leadId),
    index('deals_status_idx').on(t.status, t.closedAt),
    index('deals_owner_idx').on(t.ownerId),
  ],
);

// Outgoing email, written in the same transaction as what caused it and delivered by the
// scheduler, so a crash between the two neither loses nor doubles a message.
export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: id(),
    // Same key, same message: enqueuing twice is a no-op.
    dedupKey: text('dedup_key').unique(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html'),
    status: text('status').$type<'pending' | 'sent' | 'failed'>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    nextAttemptAt: at('next_attempt_at').notNull().defaultNow(),
    sentAt: at('sent_at'),
    createdAt: createdAt(),
  },
  (t) => [index('email_outbox_pending_idx').on(t.nextAttemptAt).where(sql`status = 'pending'`)],
);

export const workflowTables = {
  users,
  sessions,
  teams,
  teamMembers,
  absences,
  assignmentRules,
  tasks,
  scoringRules,
  engagementEvents,
  deals,
  emailOutbox,
};
