import { z } from 'zod';
import { CAPTURE_ATTRIBUTION_FIELDS } from './capture.ts';
import { IdSchema, TimestampSchema, text } from './common.ts';

// Capture forms: what the embeddable widget renders, where its leads go, which sites may embed it.

export const FORM_FIELD_TYPES = ['text', 'tel', 'email', 'textarea', 'checkbox'] as const;

export const LocalizedTextSchema = z.object({ en: text(5000), ru: text(5000) });

// Names the widget and the no-script form post with; the capture pipeline sets these itself.
const RESERVED_FIELD_NAMES = new Set<string>([
  ...CAPTURE_ATTRIBUTION_FIELDS,
  'honeypot',
  'formShownAt',
  'consent',
  'consentText',
  'consentVersion',
  'externalId',
  'channel',
  'token',
]);

export const FormFieldSchema = z.object({
  name: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'a letter, then letters, digits or _ (at most 64)')
    .refine((name) => !RESERVED_FIELD_NAMES.has(name), 'is set by the widget itself'),
  label: LocalizedTextSchema,
  type: z.enum(FORM_FIELD_TYPES),
  required: z.boolean().default(false),
});
export type FormFieldInput = z.infer<typeof FormFieldSchema>;

const fieldList = z
  .array(FormFieldSchema)
  .min(1, 'a form needs at least one field')
  .max(30, 'at most 30 fields')
  .refine((fields) => new Set(fields.map((f) => f.name)).size === fields.length, 'field names repeat');

/** An origin as browsers send it: scheme, host and port, nothing else. */
const OriginSchema = z
  .string()
  .max(300)
  .refine((value) => {
    try {
      const url = new URL(value);
      const bare = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
      return /^https?:$/.test(url.protocol) && bare && !/[?#]/.test(value);
    } catch {
      return false;
    }
  }, 'an origin such as https://example.com (scheme, host and optional port, no path)')
  .transform((value) => new URL(value).origin);

const FormKeySchema = z.string().regex(/^[A-Za-z0-9_-]{3,64}$/, '3 to 64 letters, digits, _ or -');

export const FormSchema = z.object({
  id: IdSchema,
  name: z.string(),
  key: z.string().describe('The public id: the widget names the form by it; leads carry it as formId'),
  fields: z.array(FormFieldSchema),
  consentText: LocalizedTextSchema,
  successMessage: LocalizedTextSchema.describe('Shown after sending; {name} is replaced by the name given'),
  campaignId: IdSchema.nullable(),
  channelId: IdSchema.nullable(),
  allowedOrigins: z.array(z.string()).describe('Sites whose pages may send this form from a browser (CORS)'),
  active: z.boolean(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Form = z.infer<typeof FormSchema>;

export const FormCreateSchema = z
  .object({
    name: text(300).min(1, 'must not be empty'),
    key: FormKeySchema.optional().describe('Generated when not given; cannot change later'),
    fields: fieldList.optional().describe('Default: name, phone and email'),
    consentText: LocalizedTextSchema.optional(),
    successMessage: LocalizedTextSchema.optional(),
    campaignId: IdSchema.nullable().optional(),
    channelId: IdSchema.nullable().optional(),
    allowedOrigins: z.array(OriginSchema).max(50).optional(),
    active: z.boolean().optional(),
  })
  .strict();
export type FormCreate = z.infer<typeof FormCreateSchema>;

export const FormPatchSchema = FormCreateSchema.omit({ key: true }).partial().strict();
export type FormPatch = z.infer<typeof FormPatchSchema>;

export const FormKeyParamsSchema = z.object({ key: z.string().max(64) });

/** What any page may read: the widget renders the form from it. No ids, origins or campaign. */
export const PublicFormSchema = z.object({
  key: z.string(),
  fields: z.array(FormFieldSchema),
  consentText: LocalizedTextSchema,
  successMessage: LocalizedTextSchema,
  serverTime: z
    .number()
    .describe('The server clock (epoch ms), so the widget states when the form was shown in server time'),
});
export type PublicForm = z.infer<typeof PublicFormSchema>;

export const FormSnippetQuerySchema = z.object({
  token: z
    .string()
    .max(200)
    .optional()
    .describe('A capture-scope token to put in the snippet (create one with POST /api/tokens)'),
  lang: z.enum(['en', 'ru']).default('en').describe('Language of the no-script fallback form'),
});

export const FormSnippetSchema = z.object({ html: z.string() });
