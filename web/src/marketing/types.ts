// Shapes of the marketing API as the pages use them; they mirror the Zod schemas in
// src/schemas/{channel,campaign,costs,report}.ts (those are the truth).

export const ATTRIBUTION_KINDS = [
  'utm_campaign',
  'utm_source',
  'promo_code',
  'tracking_phone',
  'form_id',
  'partner_key',
  'referrer_domain',
] as const;
export type AttributionKind = (typeof ATTRIBUTION_KINDS)[number];
export type TrackingIdentifier = { kind: AttributionKind; value: string };

export const CHANNEL_ORIGINS = ['seeds', 'nets', 'spears'] as const;
export type ChannelOrigin = (typeof CHANNEL_ORIGINS)[number];

export type Channel = {
  id: string;
  code: string;
  name: string;
  origin: ChannelOrigin | null;
  active: boolean;
  tracking: TrackingIdentifier[];
  createdAt: string;
  updatedAt: string;
};

export const PRICING_MODELS = ['cpc', 'cpm', 'cpl', 'cpa', 'fixed', 'free'] as const;
export type PricingModel = (typeof PRICING_MODELS)[number];

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
export type Condition = { field: string; op: ConditionOp; value?: unknown };

export type Campaign = {
  id: string;
  channelId: string;
  name: string;
  startsOn: string | null;
  endsOn: string | null;
  pricingModel: PricingModel;
  price: string | null;
  budget: string | null;
  currency: string;
  averageMargin: string | null;
  leadFilters: Condition[];
  active: boolean;
  tracking: TrackingIdentifier[];
  createdAt: string;
  updatedAt: string;
};

export type DailyStat = {
  id: string;
  campaignId: string;
  day: string;
  impressions: number;
  clicks: number;
  actions: number;
  spend: string | null;
  currency: string;
  note: string | null;
  source: 'manual' | 'api' | 'import';
  importId: string | null;
  createdAt: string;
};

export type DayTotal = {
  day: string;
  impressions: number;
  clicks: number;
  actions: number;
  spend: { currency: string; amount: string }[];
  rowsWithoutSpend: number;
};

export type DailyStatsList = { items: DailyStat[]; totals: DayTotal[] };

export const COST_FIELDS = [
  'day',
  'campaign',
  'impressions',
  'clicks',
  'actions',
  'spend',
  'currency',
] as const;
export type CostField = (typeof COST_FIELDS)[number];
export type CostMapping = Partial<Record<CostField, string>>;

export type ImportProblem = { line: number; column?: string; reason: string };

export type CostImportPreview = {
  delimiter: string;
  headers: string[];
  suggestedMapping: CostMapping;
  mapping: CostMapping;
  totalRows: number;
  rows: {
    line: number;
    day: string;
    campaignId: string | null;
    campaignName: string | null;
    impressions: number;
    clicks: number;
    actions: number;
    spend: string | null;
    currency: string;
  }[];
  problems: ImportProblem[];
};

export type CostImport = {
  id: string;
  fileName: string | null;
  campaignId: string | null;
  mapping: CostMapping;
  status: 'running' | 'done' | 'failed';
  totalRows: number;
  processedRows: number;
  importedRows: number;
  problems: ImportProblem[];
  createdAt: string;
  finishedAt: string | null;
};

export type Figure = { value: number | null; text: string; decimal?: string | null };

export type EconomicsRow = {
  key: { campaignId?: string; channelId?: string | null; name: string | null };
  period?: string;
  currency: string;
  figures: Record<string, Figure>;
  cplAboveAffordable: boolean | null;
};

export type EconomicsReport = {
  from: string;
  to: string;
  tz: string;
  by: string | null;
  items: EconomicsRow[];
};
