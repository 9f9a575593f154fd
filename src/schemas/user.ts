import { z } from 'zod';
import { IdSchema, TimestampSchema, text } from './common.ts';
import { WorkScheduleSchema } from './routing.ts';

export const ROLES = ['admin', 'head', 'rep', 'marketer'] as const;
export const RoleSchema = z.enum(ROLES);
export const LocaleSchema = z.enum(['en', 'ru']);
export const TOKEN_SCOPES = ['capture', 'read', 'full'] as const;
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

const EmailSchema = z.email('must be an email address').max(320);
const NameSchema = text(200).trim().min(1, 'must not be empty');
export const NewPasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH, `must be at most ${MAX_PASSWORD_LENGTH} characters`);

export const UserSchema = z.object({
  id: IdSchema,
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
  locale: LocaleSchema,
  active: z.boolean(),
  workSchedule: WorkScheduleSchema.nullable().describe(
    "The rep's own working hours; in a team that assigns only in working hours, the rep gets leads only within them too. null: the team's hours alone",
  ),
  /** Whether the user can log in with a password (users may also work through API tokens only). */
  hasPassword: z.boolean(),
  lastLoginAt: TimestampSchema.nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type User = z.infer<typeof UserSchema>;

export const UserCreateSchema = z.strictObject({
  email: EmailSchema,
  name: NameSchema,
  role: RoleSchema,
  locale: LocaleSchema.optional(),
  workSchedule: WorkScheduleSchema.nullable().optional(),
  /** When absent, a strong password is generated and returned once. */
  password: NewPasswordSchema.optional(),
});
export type UserCreate = z.infer<typeof UserCreateSchema>;

export const UserPatchSchema = z.strictObject({
  name: NameSchema.optional(),
  role: RoleSchema.optional(),
  active: z.boolean().optional(),
  locale: LocaleSchema.optional(),
  workSchedule: WorkScheduleSchema.nullable().optional(),
  /** A password reset by an admin; ends every session of the user. */
  password: NewPasswordSchema.optional(),
});
export type UserPatch = z.infer<typeof UserPatchSchema>;

export const UserCreatedSchema = z.object({
  user: UserSchema,
  /** Present only when the password was generated: shown this once. */
  generatedPassword: z.string().optional(),
});

// ---- Login and sessions ----

export const LoginSchema = z.strictObject({
  email: z.string().min(1, 'must not be empty').max(320),
  password: z.string().min(1, 'must not be empty').max(MAX_PASSWORD_LENGTH),
});

export const SessionSchema = z.object({
  user: UserSchema,
  /** Send it as the x-csrf-token header with every POST/PATCH/PUT/DELETE made with the cookie. */
  csrfToken: z.string(),
});

export const MeSchema = z.object({
  /** null for integration tokens, which belong to no user. */
  user: UserSchema.nullable(),
  principal: z.object({
    kind: z.enum(['token', 'user']),
    name: z.string(),
    role: RoleSchema.nullable(),
    scope: z.enum(TOKEN_SCOPES),
  }),
  /** The CSRF token of the cookie session; null when authenticated by a bearer token. */
  csrfToken: z.string().nullable(),
});

export const PasswordChangeSchema = z.strictObject({
  currentPassword: z.string().min(1, 'must not be empty').max(MAX_PASSWORD_LENGTH),
  newPassword: NewPasswordSchema,
});

// ---- API tokens ----

export const TokenSchema = z.object({
  id: IdSchema,
  name: z.string(),
  scope: z.enum(TOKEN_SCOPES),
  /** The user the token acts for; null for integration tokens. */
  userId: IdSchema.nullable(),
  createdAt: TimestampSchema,
  lastUsedAt: TimestampSchema.nullable(),
  revokedAt: TimestampSchema.nullable(),
});

export const TokenCreateSchema = z.strictObject({
  name: NameSchema,
  scope: z.enum(TOKEN_SCOPES),
  /** Admins only: whose token (omit for an integration token). Others always get their own. */
  userId: IdSchema.nullable().optional(),
});

export const TokenCreatedSchema = TokenSchema.extend({
  /** The secret, shown this once; only its hash is stored. */
  token: z.string(),
});

// ---- Absences ----

export const AbsenceSchema = z.object({
  id: IdSchema,
  userId: IdSchema,
  startsAt: TimestampSchema,
  endsAt: TimestampSchema,
  reason: z.string().nullable(),
  createdAt: TimestampSchema,
});

export const AbsenceCreateSchema = z
  .strictObject({
    startsAt: TimestampSchema,
    endsAt: TimestampSchema,
    reason: text(500).nullable().optional(),
  })
  .refine((a) => Date.parse(a.endsAt) > Date.parse(a.startsAt), {
    path: ['endsAt'],
    message: 'must be after startsAt',
  });

export const AbsenceParamsSchema = z.object({ id: IdSchema, absenceId: IdSchema });

// ---- Settings ----

export const VisibilitySettingsSchema = z.strictObject({
  /** true: reps see every lead; false: their own plus the unassigned pool. */
  repsSeeAllLeads: z.boolean(),
});
