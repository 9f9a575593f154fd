// What of a person stays after they asked to be forgotten (152-FZ, GDPR): the facts the reports
// count (ids, codes, numbers, times), never what identifies them (names, contacts, free text).

/** Keys whose values are about the person, whatever they look like. */
const PERSONAL_KEYS = new Set([
  'name',
  'leadName',
  'fullName',
  'firstName',
  'lastName',
  'middleName',
  'email',
  'emails',
  'phone',
  'phones',
  'company',
  'companyName',
  'position',
  'interest',
  'address',
  'custom',
  'added',
  'text',
  'comment',
  'note',
  'answer',
  'answers',
  'url',
  'visitorId',
  'ip',
  'userAgent',
]);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIME = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;
/** Machine codes such as statuses, reasons and signal names: lower-case words joined by _. */
const CODE = /^[a-z][a-z0-9_]*$/;

/** A string kept as it is: an id, a time or a code. Anything else may be typed by or about a person. */
const isFactString = (value: string) => UUID.test(value) || TIME.test(value) || CODE.test(value);

/**
 * A JSON value with every personal part removed: values under personal keys, and strings that are
 * not ids, times or codes. Numbers, booleans, nulls and the shape stay, so scores and counts still
 * add up. Undefined when nothing of the value may stay.
 */
export function scrubPersonalData(value: unknown): unknown {
  if (typeof value === 'string') return isFactString(value) ? value : undefined;
  if (Array.isArray(value)) return value.map(scrubPersonalData).filter((item) => item !== undefined);
  if (value !== null && typeof value === 'object') {
    const kept: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (PERSONAL_KEYS.has(key)) continue;
      const scrubbed = scrubPersonalData(item);
      if (scrubbed !== undefined) kept[key] = scrubbed;
    }
    return kept;
  }
  return value;
}
