import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from './columns.ts';
import { campaigns, channels } from './schema.ts';

// Capture forms that the embeddable widget renders on other sites.

export type LocalizedText = { en: string; ru: string };
export type FormFieldType = 'text' | 'tel' | 'email' | 'textarea' | 'checkbox';
export type FormField = { name: string; label: LocalizedText; type: FormFieldType; required: boolean };

export const forms = pgTable(
  'forms',
  {
    id: id(),
    name: text('name').notNull(),
    // The public id the widget names the form by; captures carry it as `formId`.
    formKey: text('form_key').notNull().unique(),
    fields: jsonb('fields').$type<FormField[]>().notNull(),
    consentText: jsonb('consent_text').$type<LocalizedText>().notNull(),
    successMessage: jsonb('success_message').$type<LocalizedText>().notNull(),
    campaignId: uuid('campaign_id').references(() => campaigns.id, { onDelete: 'set null' }),
    channelId: uuid('channel_id').references(() => channels.id, { onDelete: 'set null' }),
    // Origins (scheme://host[:port]) whose pages may post to the capture API from a browser.
    allowedOrigins: text('allowed_origins').array().notNull().default(sql`'{}'::text[]`),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('forms_active_idx').on(t.active)],
);

export const formTables = { forms };
