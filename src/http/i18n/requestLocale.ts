import type { FastifyRequest } from 'fastify';
import Negotiator from 'negotiator';

export const PROBLEM_LOCALES = ['en', 'ru'] as const;
export type ProblemLocale = (typeof PROBLEM_LOCALES)[number];

/**
 * The language a client reads, from its Accept-Language header (the web app sends its own UI
 * language; a browser posting a plain form sends the visitor's). English when neither is offered.
 */
export function requestLocale(request: Pick<FastifyRequest, 'headers'>): ProblemLocale {
  const language = new Negotiator({ headers: request.headers }).language([...PROBLEM_LOCALES]);
  return language === 'ru' ? 'ru' : 'en';
}
