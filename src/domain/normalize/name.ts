import { cleanText } from './text.ts';

export type PersonName = {
  firstName?: string;
  lastName?: string;
  middleName?: string;
  /** "First Middle Last" for display and search; empty when no name was given. */
  fullName: string;
};

export type NameInput = { name?: unknown; firstName?: unknown; lastName?: unknown; middleName?: unknown };

// Lower-case particles that belong to the surname ("van der Berg", "фон Браун").
const PARTICLES = new Set([
  'van',
  'von',
  'der',
  'den',
  'de',
  'del',
  'della',
  'da',
  'di',
  'du',
  'la',
  'le',
  'bin',
  'ibn',
  'фон',
  'де',
  'ван',
  'дер',
]);
// Russian patronymics: Иванович, Сергеевич, Ильич, Ивановна, Сергеевна, Ильинична, Кузьминична.
const PATRONYMIC = /(?:ович|евич|ич|овна|евна|ична|инична)$/iu;
// Typical Russian/Ukrainian surname endings, used only to recognise "Surname Given" order.
// Latin endings are limited to unambiguous transliterations ("-in" would catch Martin, Kevin).
const SURNAME =
  /(?:ов|ев|ёв|ин|ын|ова|ева|ёва|ина|ына|ский|ская|цкий|цкая|енко|ук|юк|ov|ev|ova|eva|sky|skiy|skaya|enko)$/iu;

function capitalizeSegment(segment: string): string {
  const lower = segment.toLocaleLowerCase();
  return lower.charAt(0).toLocaleUpperCase() + lower.slice(1);
}

/**
 * Capitalizes a name word typed all in one case (`иВАН` stays, `ИВАН` → `Иван`, `o'brien` → `O'Brien`,
 * `анна-мария` → `Анна-Мария`); words in mixed case (`McDonald`) are kept as typed.
 */
export function capitalizeName(word: string): string {
  const letters = word.replace(/[^\p{L}]/gu, '');
  const oneCase = letters === letters.toLocaleLowerCase() || letters === letters.toLocaleUpperCase();
  if (!oneCase) return word;
  return word
    .split(/([-'’])/u)
    .map((part) => (/[-'’]/u.test(part) ? part : capitalizeSegment(part)))
    .join('');
}

function capitalizeWords(text: string | undefined): string | undefined {
  if (!text) return undefined;
  return text
    .split(' ')
    .map((word, index, words) =>
      index < words.length - 1 && PARTICLES.has(word.toLocaleLowerCase())
        ? word.toLocaleLowerCase()
        : capitalizeName(word),
    )
    .join(' ');
}

function splitFullName(full: string): Omit<PersonName, 'fullName'> {
  // "Ivanov, Ivan" is the surname-first convention of lists and exports.
  const comma = full.split(',').map((part) => part.trim());
  if (comma.length === 2 && comma[0] && comma[1]) {
    const [given, ...middle] = comma[1].split(' ');
    return { lastName: comma[0], firstName: given, middleName: middle.join(' ') || undefined };
  }
  const words = full.split(' ');
  // Glue particles to the word after them: "Ludwig van Beethoven" → ["Ludwig", "van Beethoven"].
  const tokens: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    const lastPiece = word.slice(word.lastIndexOf(' ') + 1).toLocaleLowerCase();
    if (i > 0 && i < words.length - 1 && PARTICLES.has(lastPiece)) {
      words[i + 1] = `${word} ${words[i + 1]}`;
      continue;
    }
    tokens.push(word);
  }
  const [a, b, c] = tokens;
  if (tokens.length === 1) return { firstName: a };
  if (tokens.length === 2 && a && b) {
    return SURNAME.test(a) && !SURNAME.test(b)
      ? { lastName: a, firstName: b }
      : { firstName: a, lastName: b };
  }
  if (tokens.length === 3 && c && PATRONYMIC.test(c) && !PATRONYMIC.test(b ?? '')) {
    return { lastName: a, firstName: b, middleName: c }; // Иванов Иван Иванович
  }
  return {
    firstName: a,
    middleName: tokens.slice(1, -1).join(' ') || undefined,
    lastName: tokens[tokens.length - 1],
  };
}

/** Cleans, splits and capitalizes a person's name, whether given whole or in parts. */
export function normalizePersonName(input: NameInput): PersonName {
  const parts = {
    firstName: cleanText(input.firstName),
    lastName: cleanText(input.lastName),
    middleName: cleanText(input.middleName),
  };
  const whole = cleanText(input.name);
  const split = parts.firstName || parts.lastName || !whole ? parts : splitFullName(whole);
  const firstName = capitalizeWords(split.firstName);
  const middleName = capitalizeWords(split.middleName);
  const lastName = capitalizeWords(split.lastName);
  const fullName = [firstName, middleName, lastName].filter(Boolean).join(' ');
  return {
    ...(firstName ? { firstName } : {}),
    ...(middleName ? { middleName } : {}),
    ...(lastName ? { lastName } : {}),
    fullName,
  };
}
