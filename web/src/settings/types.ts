// Shapes of the settings API as the settings pages use them. They mirror the Zod schemas of
// src/schemas/user.ts, team.ts, status.ts and routing.ts, which stay the truth.

import type { Labels, Locale, Role } from '../api.ts';

export const ROLES = ['admin', 'head', 'rep', 'marketer'] as const satisfies readonly Role[];
export const LOCALES = ['en', 'ru'] as const satisfies readonly Locale[];
export const MIN_PASSWORD_LENGTH = 10;

/** GET /api/users (UserSchema). */
export type SettingsUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: Locale;
  active: boolean;
  /** A rep's own working hours; null: the team's hours alone. */
  workSchedule: WorkSchedule | null;
  hasPassword: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export type UserCreate = { email: string; name: string; role: Role; locale: Locale; password?: string };
export type UserPatch = Partial<{
  name: string;
  role: Role;
  active: boolean;
  locale: Locale;
  workSchedule: WorkSchedule | null;
  password: string;
}>;
export type UserCreated = { user: SettingsUser; generatedPassword?: string };

export type Absence = {
  id: string;
  userId: string;
  startsAt: string;
  endsAt: string;
  reason: string | null;
  createdAt: string;
};

export const TOKEN_SCOPES = ['capture', 'read', 'full'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export type ApiToken = {
  id: string;
  name: string;
  scope: TokenScope;
  userId: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};
export type ApiTokenCreated = ApiToken & { token: string };

// ---- Teams ----

/** ISO weekdays: "1" is Monday, "7" Sunday. */
export const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export type Span = [string, string];
/** Weekday to working spans; a missing or empty day is a day off. */
export type WeeklyHours = Partial<Record<Weekday, Span[]>>;

export const ASSIGNMENT_METHODS = ['least_loaded', 'round_robin'] as const;
export type AssignmentMethod = (typeof ASSIGNMENT_METHODS)[number];

export type TeamMember = { userId: string; name: string; role: Role; active: boolean };

export type Team = {
  id: string;
  name: string;
  headId: string | null;
  timeZone: string;
  workingHours: WeeklyHours;
  holidays: string[];
  assignmentMethod: AssignmentMethod;
  onlyWorkingHours: boolean;
  members: TeamMember[];
  createdAt: string;
  updatedAt: string;
};

/** The body of POST /api/teams and of a full PATCH. */
export type TeamInput = {
  name: string;
  headId: string | null;
  timeZone: string;
  workingHours: WeeklyHours;
  holidays: string[];
  assignmentMethod: AssignmentMethod;
  onlyWorkingHours: boolean;
  memberIds: string[];
};

/** Spans per day: the team schema allows 12, the routing schedule 6. */
export const MAX_TEAM_SPANS = 12;
export const MAX_SCHEDULE_SPANS = 6;

// ---- Statuses (src/domain/statuses.ts) ----

/** Statuses every installation has: they can be relabelled and reordered, never removed. */
export const SYSTEM_STATUS_KEYS = [
  'new',
  'in_progress',
  'clarifying',
  'qualified',
  'converted',
  'refused',
  'junk',
] as const;
export const KEY_PATTERN = '[a-z][a-z0-9_]{0,39}';

export type ReasonDefinition = { key: string; labels: Labels };

// ---- Routing (src/schemas/routing.ts) ----

export const ROUTING_MODES = ['pool', 'rules', 'manual'] as const;
export type RoutingMode = (typeof ROUTING_MODES)[number];
export const RULES_FALLBACKS = ['pool', 'manual'] as const;
export type RulesFallback = (typeof RULES_FALLBACKS)[number];

export type WorkSchedule = { timeZone: string; hours: WeeklyHours; holidays: string[] };

export type RoutingSettings = {
  defaultMode: RoutingMode;
  channelModes: Record<string, RoutingMode>;
  rulesFallback: RulesFallback;
  slaMinutes: number;
  channelSlaMinutes: Record<string, number>;
  autoReassignOnMissedSla: boolean;
  escalateOnMissedSla: boolean;
  schedule: WorkSchedule;
};
export const MAX_SLA_MINUTES = 60 * 24 * 30;

export type VisibilitySettings = { repsSeeAllLeads: boolean };
