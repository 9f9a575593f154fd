// Control characters other than tab/newline, zero-width characters and the BOM: never meaningful in
// a name or a contact, often pasted in by accident.
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B-\u200D\u2060\uFEFF]/g;

/** NFC, invisible characters removed, whitespace collapsed and trimmed; undefined when nothing is left. */
export function cleanText(value: unknown, maxLength = Number.POSITIVE_INFINITY): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = String(value).normalize('NFC').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
  if (text === '') return undefined;
  return text.length > maxLength ? text.slice(0, maxLength) : text;
}

/** Like cleanText, but keeps line breaks (messages, comments). */
export function cleanMultilineText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = String(value)
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[^\S\n]+/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return text === '' ? undefined : text;
}

/**
 * Makes any JSON-like value storable in PostgreSQL text/jsonb, which reject the NUL character:
 * NULs become U+FFFD, everything else is kept.
 */
export function storableJson(value: unknown): unknown {
  if (typeof value === 'string')
    return value.includes('\u0000') ? value.replaceAll('\u0000', '\uFFFD') : value;
  if (Array.isArray(value)) return value.map(storableJson);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [storableJson(k) as string, storableJson(v)]),
    );
  }
  return value;
}
