import { transliterate } from 'transliteration';

/**
 * The text a card is found by: names in their own script and in Latin, emails, phone digits and the
 * company, lower-cased, so one trigram index answers searches typed either way.
 */
export function searchTextOf(card: {
  fullName: string;
  emails: string[];
  phones: string[];
  company?: string | null;
}): string {
  const names = [card.fullName, card.company ?? ''].join(' ').toLowerCase();
  const latin = transliterate(names).toLowerCase();
  const parts = [
    names,
    latin === names ? '' : latin,
    ...card.emails,
    ...card.phones.map((p) => p.replace(/\D/g, '')),
  ];
  return parts.filter(Boolean).join(' ').replace(/\s+/g, ' ').trim();
}

/** Turns a search box entry into the form stored in search text (a phone becomes its digits). */
export function searchNeedleOf(query: string): string {
  const trimmed = query.trim().toLowerCase();
  if (/^[\d\s()+-]{5,}$/.test(trimmed)) {
    const digits = trimmed.replace(/\D/g, '');
    // A Russian number typed with the trunk prefix 8 is stored as 7…
    return digits.length === 11 && digits.startsWith('8') ? `7${digits.slice(1)}` : digits;
  }
  return trimmed;
}
