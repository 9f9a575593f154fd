// The economics formulas of PRODUCT.md section 3. Money stays a decimal string until shown; a
// ratio with a zero (or unknown) denominator is null, shown as "n/a", never NaN or Infinity.

export type Locale = 'en' | 'ru';

/** a / b, or null when b is zero or either side is unknown. */
export function ratio(numerator: number | null, denominator: number | null): number | null {
  if (numerator === null || denominator === null || denominator === 0) return null;
  return numerator / denominator;
}

/** Decimal strings to cents (bigint) and back, so sums of money are exact. */
export function toCents(amount: string | number): bigint {
  const text = typeof amount === 'number' ? amount.toFixed(2) : amount.trim();
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw new Error(`not a decimal amount: ${amount}`);
  const fraction = (match[3] ?? '').padEnd(3, '0');
  // Half away from zero on the third decimal, as accountants round.
  let cents = BigInt(match[2] ?? '0') * 100n + BigInt(fraction.slice(0, 2));
  if (Number(fraction[2]) >= 5) cents += 1n;
  return match[1] ? -cents : cents;
}

export function centsToDecimal(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const text = `${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}

export type PricingModel = 'cpc' | 'cpm' | 'cpl' | 'cpa' | 'fixed' | 'free';

/**
 * Spend of a campaign over a period: a stated spend always wins; otherwise it is derived from the
 * pricing model (clicks × CPC, impressions / 1000 × CPM, valid leads × price per lead, actions × CPA).
 * Fixed budgets must be stated as spend; free campaigns cost 0.
 */
export function derivedSpend(input: {
  model: PricingModel;
  price: string | null;
  statedSpend: string | null;
  impressions: number;
  clicks: number;
  validLeads: number;
  actions: number;
}): string | null {
  if (input.statedSpend !== null) return input.statedSpend;
  if (input.model === 'free') return '0.00';
  if (input.price === null) return null;
  const price = Number(input.price);
  const units: Record<Exclude<PricingModel, 'free' | 'fixed'>, number> = {
    cpc: input.clicks,
    cpm: input.impressions / 1000,
    cpl: input.validLeads,
    cpa: input.actions,
  };
  if (input.model === 'fixed') return null;
  return (price * units[input.model]).toFixed(2);
}

/** ROMI = (revenue − spend) / spend. */
export function romi(revenue: number | null, spend: number | null): number | null {
  if (revenue === null || spend === null) return null;
  return ratio(revenue - spend, spend);
}

/** Affordable CPL = average margin per customer × lead-to-customer rate. */
export function affordableCpl(
  averageMargin: number | null,
  leadToCustomerRate: number | null,
): number | null {
  if (averageMargin === null || leadToCustomerRate === null) return null;
  return averageMargin * leadToCustomerRate;
}

/** Percentile by linear interpolation between closest ranks (p in 0…1); null for no values. */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (sorted.length - 1) * p;
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const lowValue = sorted[low] as number;
  const highValue = sorted[high] as number;
  return lowValue + (highValue - lowValue) * (rank - low);
}

const NOT_AVAILABLE: Record<Locale, string> = { en: 'n/a', ru: 'н/д' };

export function formatMoney(amount: number | null, currency: string, locale: Locale): string {
  if (amount === null) return NOT_AVAILABLE[locale];
  return new Intl.NumberFormat(locale === 'ru' ? 'ru-RU' : 'en-US', {
    style: 'currency',
    currency,
    maximumFractionDigits: 2,
  }).format(amount);
}

export function formatPercent(value: number | null, locale: Locale): string {
  if (value === null) return NOT_AVAILABLE[locale];
  return new Intl.NumberFormat(locale === 'ru' ? 'ru-RU' : 'en-US', {
    style: 'percent',
    maximumFractionDigits: 1,
  }).format(value);
}

export function formatCount(value: number | null, locale: Locale): string {
  if (value === null) return NOT_AVAILABLE[locale];
  return new Intl.NumberFormat(locale === 'ru' ? 'ru-RU' : 'en-US').format(value);
}
