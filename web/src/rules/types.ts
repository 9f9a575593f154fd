// Shapes of the rules API as the rules pages use them. They mirror the Zod schemas of
// src/schemas/routing.ts, scoring.ts and form.ts (and src/domain/conditions.ts), which stay the truth.

// ---- Conditions (src/domain/conditions.ts) ----

export const CONDITION_OPS = [
  'eq',
  'neq',
  'in',
  'not_in',
  'contains',
  'not_contains',
  'gt',
  'gte',
  'lt',
  'lte',
  'exists',
  'not_exists',
  'matches',
] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];
/** Ops that take no value. */
export const VALUELESS_OPS: readonly ConditionOp[] = ['exists', 'not_exists'];
/** Ops whose value is a list. */
export const LIST_OPS: readonly ConditionOp[] = ['in', 'not_in'];
/** Ops that compare numbers. */
export const NUMBER_OPS: readonly ConditionOp[] = ['gt', 'gte', 'lt', 'lte'];

export type Condition = { field: string; op: ConditionOp; value?: unknown };

// ---- Assignment rules (src/schemas/routing.ts) ----

/** Lead attributes assignment rules can test (RULE_FIELDS of src/domain/assignment.ts). */
export const ASSIGNMENT_FIELDS = [
  'channelId',
  'campaignId',
  'interest',
  'region',
  'language',
  'score',
  'kind',
  'company',
  'position',
  'temperature',
] as const;
export const ADDRESS_PARTS = ['country', 'region', 'city', 'postcode'] as const;

export type Target =
  | { type: 'user'; userId: string }
  | { type: 'team'; teamId: string }
  | { type: 'pool' }
  | { type: 'manual' };
export const TARGET_TYPES = ['user', 'team', 'pool', 'manual'] as const;
export type TargetType = (typeof TARGET_TYPES)[number];

export type AssignmentRule = {
  id: string;
  name: string;
  position: number;
  /** null: any channel. */
  channelId: string | null;
  conditions: Condition[];
  target: Target;
  active: boolean;
  createdAt: string;
  updatedAt: string;
};
export type AssignmentRuleInput = {
  name: string;
  position?: number;
  channelId: string | null;
  conditions: Condition[];
  target: Target;
  active: boolean;
};

export type RoutingMode = 'pool' | 'rules' | 'manual';
/** The parts of GET /api/settings/routing this area reads. */
export type RoutingModes = { defaultMode: RoutingMode; channelModes: Record<string, RoutingMode> };

// ---- Scoring (src/schemas/scoring.ts, src/domain/scoring.ts) ----

/** Lead fields fit rules usually test; any field path is allowed (custom.<key>, attribution.<tag>…). */
export const SCORING_FIELDS = [
  'position',
  'company',
  'interest',
  'channelId',
  'campaignId',
  'region',
  'language',
  'kind',
  'temperature',
  'icpFit',
  'emails',
  'phones',
] as const;
export const ENGAGEMENT_EVENT_TYPES = [
  'page_view',
  'download',
  'webinar',
  'email_open',
  'email_click',
  'form_submit',
] as const;
/** Stages a score threshold may name (SCORED_STAGES). */
export const SCORED_STAGES = ['interest', 'iql', 'eql', 'mql'] as const;
export type ScoredStage = (typeof SCORED_STAGES)[number];

export type ScoringKind = 'fit' | 'engagement';
export type ScoringRule = {
  id: string;
  kind: ScoringKind;
  name: string;
  conditions: Condition[];
  eventType: string | null;
  urlPattern: string | null;
  points: number;
  /** Half-life in days; null: no decay. */
  decayDays: number | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
};
export type FitRuleInput = {
  kind: 'fit';
  name: string;
  points: number;
  active: boolean;
  conditions: Condition[];
};
export type EngagementRuleInput = {
  kind: 'engagement';
  name: string;
  points: number;
  active: boolean;
  eventType: string;
  urlPattern: string | null;
  decayDays: number | null;
};
export type ScoringRuleInput = FitRuleInput | EngagementRuleInput;

export type Threshold = { minScore: number; stage: ScoredStage };
export type ScoringSettings = { thresholds: Threshold[] };
export type RecomputeResult = { leads: number; promoted: number };

// ---- Forms (src/schemas/form.ts) ----

export const FORM_FIELD_TYPES = ['text', 'tel', 'email', 'textarea', 'checkbox'] as const;
export type FormFieldType = (typeof FORM_FIELD_TYPES)[number];
/** Field names the capture pipeline knows; any other name is kept in the lead's custom fields. */
export const KNOWN_FIELD_NAMES = [
  'name',
  'firstName',
  'lastName',
  'email',
  'phone',
  'company',
  'position',
  'interest',
] as const;

export type LocalizedText = { en: string; ru: string };
export type FormField = { name: string; label: LocalizedText; type: FormFieldType; required: boolean };

export type CaptureForm = {
  id: string;
  name: string;
  /** The public id pasted into pages; it never changes. */
  key: string;
  fields: FormField[];
  consentText: LocalizedText;
  successMessage: LocalizedText;
  campaignId: string | null;
  channelId: string | null;
  allowedOrigins: string[];
  active: boolean;
  createdAt: string;
  updatedAt: string;
};
export type FormCreate = { name: string; key?: string; campaignId?: string | null };
export type FormPatch = Partial<
  Pick<
    CaptureForm,
    | 'name'
    | 'fields'
    | 'consentText'
    | 'successMessage'
    | 'campaignId'
    | 'channelId'
    | 'allowedOrigins'
    | 'active'
  >
>;

// ---- Lookups other areas own ----

export type NamedUser = { id: string; name: string; role: string; active: boolean };
export type NamedTeam = { id: string; name: string };
export type NamedChannel = { id: string; code: string; name: string; active: boolean };
export type NamedCampaign = { id: string; name: string; channelId: string };
