import type { Locale } from '../domain/metrics.ts';

// Report figures as { value, text }: the number for programs (null when its denominator is zero
// or it cannot be known), and the text for people in their locale ("n/a"/"н/д" for null). Money
// is rounded only here, in the text. The texts are those of formatMoney/formatPercent/formatCount
// in src/domain/metrics.ts, with the Intl formatters built once per locale and currency: a monthly
// report has tens of thousands of figures, and building a formatter costs more than the query.

export type Figure = { value: number | null; text: string; decimal?: string | null };

const NOT_AVAILABLE: Record<Locale, string> = { en: 'n/a', ru: 'н/д' };
const formatters = new Map<string, Intl.NumberFormat>();

function formatter(locale: Locale, kind: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${kind}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale === 'ru' ? 'ru-RU' : 'en-US', options);
    formatters.set(key, format);
  }
  return format;
}

/**
 * The text of a number, remembered per formatter: counts, rates and durations repeat across the
 * rows of a report, and Intl's format costs about a microsecond a call. Bounded: forgotten when full.
 */
const texts = new Map<Intl.NumberFormat, Map<number, string>>();
const MAX_TEXTS = 10_000;
function textOf(format: Intl.NumberFormat, value: number): string {
  let known = texts.get(format);
  if (!known) {
    known = new Map();
    texts.set(format, known);
  }
  let text = known.get(value);
  if (text === undefined) {
    text = format.format(value);
    if (known.size >= MAX_TEXTS) known.clear();
    known.set(value, text);
  }
  return text;
}

export const countFigure = (value: number | null, locale: Locale): Figure => ({
  value,
  text: value === null ? NOT_AVAILABLE[locale] : textOf(formatter(locale, 'count', {}), value),
});

export const percentFigure = (value: number | null, locale: Locale): Figure => ({
  value,
  text:
    value === null
      ? NOT_AVAILABLE[locale]
      : textOf(formatter(locale, 'percent', { style: 'percent', maximumFractionDigits: 1 }), value),
});

/** Money in one currency (null: the row mixes currencies); `decimal` keeps the exact amount. */
export function moneyFigure(
  value: number | null,
  currency: string | null,
  locale: Locale,
  decimal?: string | null,
): Figure {
  const known = currency === null ? null : value;
  const text =
    known === null || currency === null
      ? NOT_AVAILABLE[locale]
      : formatter(locale, `money ${currency}`, {
          style: 'currency',
          currency,
          maximumFractionDigits: 2,
        }).format(known);
  return {
    value: known,
    text,
    ...(decimal === undefined ? {} : { decimal: currency === null ? null : decimal }),
  };
}

const UNITS: Record<'hours' | 'minutes', Record<Locale, string>> = {
  hours: { en: 'h', ru: 'ч' },
  minutes: { en: 'min', ru: 'мин' },
};

/** A duration in hours or minutes, one decimal in the text ("36.5 h", "12,5 мин"). */
export function durationFigure(value: number | null, unit: 'hours' | 'minutes', locale: Locale): Figure {
  if (value === null) return { value, text: NOT_AVAILABLE[locale] };
  const number = textOf(formatter(locale, 'duration', { maximumFractionDigits: 1 }), value);
  return { value, text: `${number} ${UNITS[unit][locale]}` };
}
