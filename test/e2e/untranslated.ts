import { readdirSync, readFileSync } from 'node:fs';

// What of a Russian page is still English: used by every browser test that visits Russian pages.

type Bundle = { [key: string]: string | Bundle };
const I18N_DIR = new URL('../../web/src/i18n/', import.meta.url);

/** Every bundle of a language (en.json and the per-area <area>.en.json), merged as the app merges them. */
function readBundle(lang: string): Bundle {
  const files = readdirSync(I18N_DIR).filter(
    (name) => name === `${lang}.json` || name.endsWith(`.${lang}.json`),
  );
  const merged: Bundle = {};
  for (const name of files) Object.assign(merged, JSON.parse(readFileSync(new URL(name, I18N_DIR), 'utf8')));
  return merged;
}
function flatten(bundle: Bundle, prefix = ''): Map<string, string> {
  const result = new Map<string, string>();
  for (const [key, value] of Object.entries(bundle)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') result.set(path, value);
    else for (const [k, v] of flatten(value, path)) result.set(k, v);
  }
  return result;
}
const wordsOf = (text: string): string[] =>
  text.replace(/\{\{[^}]*\}\}/g, ' ').match(/[A-Za-z]{3,}/g) ?? ([] as string[]);

/**
 * English words of the English bundle that the Russian bundle never uses (so not "CSV" or
 * "leadflow"), and every key path: either seen on a Russian page means a string left untranslated.
 */
export function untranslatedOn(text: string): string[] {
  const en = flatten(readBundle('en'));
  const ru = flatten(readBundle('ru'));
  const ruWords = new Set([...ru.values()].flatMap(wordsOf).map((w) => w.toLowerCase()));
  const englishWords = new Set(
    [...en.values()]
      .flatMap(wordsOf)
      .map((w) => w.toLowerCase())
      .filter((w) => !ruWords.has(w)),
  );
  const found = new Set<string>();
  for (const token of text.split(/\s+/)) {
    const bare = token.replace(/^[("«'“]+|[)"»'”.,:;!?…]+$/g, '');
    if (/^[A-Za-z]{3,}$/.test(bare) && englishWords.has(bare.toLowerCase())) found.add(bare);
    const keyPath = bare.replace(/_(one|few|many|other)$/, '');
    if (en.has(keyPath) || en.has(`${keyPath}_one`)) found.add(`key ${bare}`);
  }
  return [...found];
}
