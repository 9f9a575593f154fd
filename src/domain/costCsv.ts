import { parse } from 'csv-parse/sync';

// Reading CSV exports of ad cabinets (Yandex Direct, VK Ads, Google Ads, Meta…) into daily campaign
// stats. Pure: text in, rows and problems out; which campaign a row names is decided by the caller.

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
/** Our field → the CSV column (header text) it is read from. */
export type CostMapping = Partial<Record<CostField, string>>;

export type CsvProblem = { line: number; column?: string; reason: string };

/** One data row of the file, with the file's line number (the header is line 1). */
export type CsvRecord = { line: number; cells: string[] };
export type ParsedCsv = { delimiter: string; headers: string[]; records: CsvRecord[] };

/** A row read into our fields; `campaign` is the raw text still to be matched to a campaign. */
export type CostRow = {
  line: number;
  day: string;
  campaign: string | null;
  impressions: number;
  clicks: number;
  actions: number;
  /** Decimal string; null when the file does not state it. */
  spend: string | null;
  currency: string | null;
};

const DELIMITERS = [',', ';', '\t'] as const;

/**
 * The delimiter: the candidate found most often on one line among the first lines outside quotes
 * (a cabinet may put a report title above the header, and "1 234,56" in the data).
 */
export function detectDelimiter(text: string): string {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/, HEADER_SEARCH_LINES)
    .map((line) => line.replace(/"[^"]*"/g, ''));
  let best: string = ',';
  let bestCount = 0;
  for (const candidate of DELIMITERS) {
    const count = Math.max(0, ...lines.map((line) => line.split(candidate).length - 1));
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

const HEADER_SEARCH_LINES = 10;

/**
 * Splits the file into a header and data records with their line numbers. The header is the first
 * row holding the mapped columns (or two known column names), so a report title above it is
 * skipped; else the first row. Throws `CsvFormatError` (with the line) when the text is not CSV.
 */
export function parseCostCsv(text: string, mapping?: CostMapping): ParsedCsv {
  const delimiter = detectDelimiter(text);
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, {
      delimiter,
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      relax_quotes: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    throw new CsvFormatError(line, (error as Error).message);
  }
  const wanted = Object.values(mapping ?? {});
  const headerIndex = Math.max(
    0,
    rows.slice(0, HEADER_SEARCH_LINES).findIndex((row) => {
      const cells = row.record.map((h) => h.trim());
      return wanted.length > 0
        ? wanted.every((column) => cells.includes(column))
        : Object.keys(suggestMapping(cells)).length >= 2;
    }),
  );
  const [header, ...data] = rows.slice(headerIndex);
  if (!header) return { delimiter, headers: [], records: [] };
  return {
    delimiter,
    headers: header.record.map((h) => h.trim()),
    records: data
      .filter((row) => row.record.some((cell) => cell !== ''))
      .map((row) => ({
        // info.lines is where the record ends; a quoted cell may span lines.
        line: row.info.lines - row.record.reduce((n, cell) => n + (cell.split('\n').length - 1), 0),
        cells: row.record,
      })),
  };
}

export class CsvFormatError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

// Header names of common ad cabinets, in English and Russian, after `headerKey` folding.
const HEADER_NAMES: Record<CostField, string[]> = {
  day: ['day', 'date', 'дата', 'день', 'reporting starts', 'период', 'period'],
  campaign: [
    'campaign',
    'campaign name',
    'utm_campaign',
    'кампания',
    'название кампании',
    'рекламная кампания',
    'campaign id',
    'id кампании',
    '№ кампании',
  ],
  impressions: ['impressions', 'impr', 'показы', 'показов'],
  clicks: ['clicks', 'link clicks', 'клики', 'кликов', 'переходы'],
  actions: ['actions', 'conversions', 'results', 'конверсии', 'действия', 'результаты', 'целевые действия'],
  spend: [
    'spend',
    'cost',
    'amount spent',
    'расход',
    'расходы',
    'затраты',
    'стоимость',
    'потрачено',
    'расход всего',
  ],
  currency: ['currency', 'currency code', 'валюта'],
};

/** Lower case, ё → е, units in brackets or after a comma dropped ("Расход (руб.)", "Cost, USD"). */
function headerKey(header: string): string {
  return header
    .toLowerCase()
    .replaceAll('ё', 'е')
    .replace(/\(.*?\)/g, '')
    .replace(/,.*$/, '')
    .replace(/[.:]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Our fields guessed from the header names; each column is used once, exact names first. */
export function suggestMapping(headers: string[]): CostMapping {
  const mapping: CostMapping = {};
  const used = new Set<string>();
  const keys = headers.map(headerKey);
  for (const exact of [true, false]) {
    for (const field of COST_FIELDS) {
      if (mapping[field]) continue;
      const index = keys.findIndex(
        (key, i) =>
          !used.has(headers[i] as string) &&
          HEADER_NAMES[field].some((name) => (exact ? key === name : key.startsWith(`${name} `))),
      );
      if (index >= 0) {
        mapping[field] = headers[index] as string;
        used.add(headers[index] as string);
      }
    }
  }
  return mapping;
}

/** Mapped columns that are not in the file, and fields a row cannot do without. */
export function mappingProblems(
  mapping: CostMapping,
  headers: string[],
  options: { campaignGiven: boolean },
): { name: string; reason: string }[] {
  const problems: { name: string; reason: string }[] = [];
  for (const field of COST_FIELDS) {
    const column = mapping[field];
    if (column !== undefined && !headers.includes(column)) {
      problems.push({ name: `mapping.${field}`, reason: `the file has no column "${column}"` });
    }
  }
  if (!mapping.day) problems.push({ name: 'mapping.day', reason: 'a column with the day is required' });
  if (!options.campaignGiven && !mapping.campaign) {
    problems.push({ name: 'mapping.campaign', reason: 'map a campaign column or give campaignId' });
  }
  if (!mapping.spend && !mapping.clicks && !mapping.impressions && !mapping.actions) {
    problems.push({ name: 'mapping', reason: 'map at least one of spend, clicks, impressions, actions' });
  }
  return problems;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** YYYY-MM-DD, DD.MM.YYYY or DD/MM/YYYY (a time after the date is ignored) → YYYY-MM-DD. */
export function parseDay(text: string): Parsed<string> {
  const value = text.trim().split(/[ T]/)[0] ?? '';
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  const european = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(value);
  const [year, month, day] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : european
      ? [Number(european[3]), Number(european[2]), Number(european[1])]
      : [Number.NaN, Number.NaN, Number.NaN];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (Number.isNaN(date.getTime()) || date.getUTCDate() !== day || date.getUTCMonth() !== month - 1) {
    return { ok: false, reason: `"${text}" is not a date (YYYY-MM-DD, DD.MM.YYYY or DD/MM/YYYY)` };
  }
  return { ok: true, value: date.toISOString().slice(0, 10) };
}

const CURRENCY_SIGNS: [RegExp, string][] = [
  [/₽|руб\.?|(?<!\p{L})р\.|\bRUR\b/giu, 'RUB'],
  [/\$/g, 'USD'],
  [/€/g, 'EUR'],
  [/£/g, 'GBP'],
  [/₸/g, 'KZT'],
  [/₴/g, 'UAH'],
];

/** A currency named by a code or a sign ("RUB", "руб.", "₽", "$") → ISO 4217 code, else null. */
export function parseCurrency(text: string): string | null {
  const value = text.trim();
  if (/^[A-Za-z]{3}$/.test(value)) {
    const code = value.toUpperCase();
    return code === 'RUR' ? 'RUB' : code;
  }
  for (const [sign, code] of CURRENCY_SIGNS) {
    sign.lastIndex = 0;
    if (sign.test(value)) return code;
  }
  return null;
}

/**
 * A money amount as cabinets write it: "1 234,56", "1,234.56", "1234.5 ₽", "-300", "(300)".
 * Spaces and non-breaking spaces are thousand separators; the last of `,` and `.` is the decimal
 * point when both appear; a lone `,` or `.` is a decimal point unless three digits follow it
 * ("1,000" is a thousand). The sign or code found is returned too.
 */
export function parseAmount(text: string): Parsed<{ amount: string; currency: string | null }> {
  let value = text.trim();
  let currency: string | null = null;
  for (const [sign, code] of CURRENCY_SIGNS) {
    if (value.match(sign)) currency = code;
    value = value.replace(sign, '');
  }
  const code = /\b([A-Z]{3})\b/.exec(value);
  if (code?.[1]) {
    currency = code[1];
    value = value.replace(code[1], '');
  }
  value = value.replace(/[\s\u00a0\u202f']/g, '');
  let negative = false;
  if (/^\(.*\)$/.test(value)) {
    negative = true;
    value = value.slice(1, -1);
  }
  if (/^[-−]/.test(value)) {
    negative = true;
    value = value.slice(1);
  }
  const normalized = normalizeDecimal(value);
  if (normalized === null) return { ok: false, reason: `"${text}" is not a number` };
  const amount = negative && Number(normalized) !== 0 ? `-${normalized}` : normalized;
  return { ok: true, value: { amount, currency } };
}

function normalizeDecimal(value: string): string | null {
  const lastComma = value.lastIndexOf(',');
  const lastDot = value.lastIndexOf('.');
  let digits: string;
  if (lastComma >= 0 && lastDot >= 0) {
    const decimal = lastComma > lastDot ? ',' : '.';
    const thousands = decimal === ',' ? '.' : ',';
    digits = value.replaceAll(thousands, '').replace(decimal, '.');
  } else if (lastComma >= 0 || lastDot >= 0) {
    const separator = lastComma >= 0 ? ',' : '.';
    const parts = value.split(separator);
    // "1,234,567" and "1,000" group thousands (money has two decimals, not three); else a decimal point.
    const grouped =
      parts.slice(1).every((p) => p.length === 3) &&
      (parts.length > 2 || /^[1-9]\d{0,2}$/.test(parts[0] as string));
    digits = grouped ? parts.join('') : value.replace(separator, '.');
  } else {
    digits = value;
  }
  if (!/^\d+(\.\d+)?$/.test(digits)) return null;
  return digits.replace(/^0+(?=\d)/, '');
}

/** A whole count (impressions, clicks): "12 345", "12,345", "12345.00"; blank or a dash is 0. */
export function parseCount(text: string): Parsed<number> {
  const value = text.trim().replace(/[\s\u00a0\u202f']/g, '');
  if (value === '' || /^[-–—]+$/.test(value)) return { ok: true, value: 0 };
  let digits: string | null = null;
  if (/^\d+$/.test(value)) digits = value;
  else if (/^\d{1,3}([,.]\d{3})+$/.test(value)) digits = value.replace(/[,.]/g, '');
  else if (/^\d+[,.]0+$/.test(value)) digits = value.replace(/[,.]0+$/, '');
  const count = digits === null ? Number.NaN : Number(digits);
  if (!Number.isSafeInteger(count)) return { ok: false, reason: `"${text}" is not a whole number` };
  return { ok: true, value: count };
}

const TOTALS_ROW = /^\s*(итого|всего|total|totals|grand total)(?!\p{L})/iu;

/** One data row read into our fields, or a problem for each bad cell (the column named by its header). */
export function readCostRow(
  record: CsvRecord,
  headers: string[],
  mapping: CostMapping,
): { ok: true; row: CostRow } | { ok: false; problems: CsvProblem[] } {
  const problems: CsvProblem[] = [];
  // Cabinets end their exports with a sum of the rows above it.
  if (TOTALS_ROW.test(record.cells.find((c) => c.trim() !== '') ?? '')) {
    return { ok: false, problems: [{ line: record.line, reason: 'a totals row, not imported' }] };
  }
  const cell = (field: CostField): string | undefined => {
    const column = mapping[field];
    if (column === undefined) return undefined;
    return record.cells[headers.indexOf(column)] ?? '';
  };
  const problem = (field: CostField, reason: string) =>
    problems.push({ line: record.line, column: mapping[field] as string, reason });

  const dayText = cell('day') ?? '';
  const day = parseDay(dayText);
  if (!day.ok) problem('day', day.reason);

  const counts = { impressions: 0, clicks: 0, actions: 0 };
  for (const field of ['impressions', 'clicks', 'actions'] as const) {
    const text = cell(field);
    if (text === undefined) continue;
    const count = parseCount(text);
    if (count.ok) counts[field] = count.value;
    else problem(field, count.reason);
  }

  let spend: string | null = null;
  let currency: string | null = null;
  const spendText = cell('spend');
  if (spendText !== undefined && !/^[-–—]*$/.test(spendText.trim())) {
    const amount = parseAmount(spendText);
    if (amount.ok) {
      spend = amount.value.amount;
      currency = amount.value.currency;
    } else problem('spend', amount.reason);
  }
  const currencyText = cell('currency');
  if (currencyText !== undefined && currencyText.trim() !== '') {
    const code = parseCurrency(currencyText);
    if (code) currency = code;
    else problem('currency', `"${currencyText}" is not a currency code`);
  }

  const campaignText = cell('campaign');
  if (campaignText !== undefined && campaignText.trim() === '') problem('campaign', 'no campaign named');

  if (problems.length > 0 || !day.ok) return { ok: false, problems };
  return {
    ok: true,
    row: {
      line: record.line,
      day: day.value,
      campaign: campaignText?.trim() ?? null,
      ...counts,
      spend,
      currency,
    },
  };
}

/** `day:Дата,clicks:Клики` (or `day=Дата`), as the query string and the CLI write a mapping. */
export function parseMappingText(text: string): Parsed<CostMapping> {
  const mapping: CostMapping = {};
  for (const pair of text.split(',')) {
    const match = /^\s*([a-z]+)\s*[:=](.+)$/.exec(pair);
    const field = match?.[1];
    if (!match || !field || !(COST_FIELDS as readonly string[]).includes(field)) {
      return { ok: false, reason: `"${pair}" is not field:column with a field of ${COST_FIELDS.join(', ')}` };
    }
    mapping[field as CostField] = (match[2] as string).trim();
  }
  return { ok: true, value: mapping };
}
