import type { Problem } from '../../schemas/problem.ts';
import { PROBLEM_TEXT_RU, type Translation } from './problemTextRu.ts';
import type { ProblemLocale } from './requestLocale.ts';

type CompiledEntry = { exact?: string; pattern?: RegExp; translation: Translation };

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Exact texts go to a map; texts with `{n}` parts become anchored patterns, tried in order. */
function compile(entries: [string, Translation][]) {
  const exact = new Map<string, Translation>();
  const patterns: CompiledEntry[] = [];
  for (const [english, translation] of entries) {
    if (!/\{\d\}/.test(english)) {
      exact.set(english, translation);
      continue;
    }
    const source = escapeRegExp(english).replace(/\\\{\d\\\}/g, '(.+?)');
    patterns.push({ pattern: new RegExp(`^${source}$`, 's'), translation });
  }
  return { exact, patterns };
}

const CATALOGS: Record<Exclude<ProblemLocale, 'en'>, ReturnType<typeof compile>> = {
  ru: compile(PROBLEM_TEXT_RU),
};

const apply = (translation: Translation, parts: string[]) =>
  typeof translation === 'function'
    ? translation(...parts)
    : translation.replace(/\{(\d)\}/g, (_, index: string) => parts[Number(index)] ?? '');

/** A problem text in the locale, or as it is when the catalog does not know it. */
export function translateProblemText(text: string, locale: ProblemLocale): string {
  if (locale === 'en') return text;
  const catalog = CATALOGS[locale];
  const exact = catalog.exact.get(text);
  if (exact !== undefined) return apply(exact, []);
  for (const { pattern, translation } of catalog.patterns) {
    const match = pattern?.exec(text);
    if (match) return apply(translation, match.slice(1));
  }
  return text;
}

type InvalidParam = { name: string; reason: string; code?: string };

const joined = (params: InvalidParam[]) => params.map((p) => `${p.name}: ${p.reason}`).join('; ');

/**
 * A problem body in the client's language: its title, each field's reason, and its detail (which,
 * when it only lists the fields, is listed again from the translated reasons). Field names and
 * codes stay as they are: clients match on them.
 */
export function localizeProblem<P extends Problem>(problem: P, locale: ProblemLocale): P {
  if (locale === 'en') return problem;
  const params = problem.invalid_params;
  const translatedParams = params?.map((p) => ({ ...p, reason: translateProblemText(p.reason, locale) }));
  const detail =
    problem.detail === undefined
      ? undefined
      : params && translatedParams && problem.detail === joined(params)
        ? joined(translatedParams)
        : translateProblemText(problem.detail, locale);
  return {
    ...problem,
    title: translateProblemText(problem.title, locale),
    ...(detail !== undefined ? { detail } : {}),
    ...(translatedParams ? { invalid_params: translatedParams } : {}),
  };
}
