import { personAt } from './people.ts';

const REPEAT_SHARE = 0.2;
const CAMPAIGNS = ['spring_sale', 'brand', 'retargeting', 'webinar_march', 'quiz'];

/**
 * Form submissions for the capture benchmarks: new people, and about 20 % known ones (among the
 * `preloaded` first people) coming back, half of them by phone alone.
 */
export function capturePayloads(preloaded: number, firstNew: number) {
  let fresh = firstNew;
  let sent = 0;
  const next = (): string => {
    sent++;
    const repeat = Math.random() < REPEAT_SHARE && preloaded > 0;
    const index = repeat ? Math.floor(Math.random() * preloaded) : fresh++;
    const person = personAt(index);
    const now = Date.now();
    return JSON.stringify({
      name: person.name,
      // Repeats come back by email or by phone, like real people do.
      ...(repeat && sent % 2 === 0 ? { phone: person.phone } : { email: person.email, phone: person.phone }),
      ...(person.company ? { company: person.company } : {}),
      interest: 'Please call me back about the price list',
      utm_source: 'yandex',
      utm_medium: 'cpc',
      utm_campaign: CAMPAIGNS[sent % CAMPAIGNS.length],
      landingPage: 'https://example.ru/landing?utm_source=yandex',
      referrer: 'https://yandex.ru/search/',
      formId: 'landing-main',
      visitorId: `v-${index}`,
      consent: true,
      consentText: 'I agree to the processing of my personal data',
      formShownAt: now - 20_000 - (index % 40_000),
    });
  };
  // A different address per request, so the per-IP flood rule sees separate visitors.
  const ip = () => `10.${(sent >> 16) & 255}.${(sent >> 8) & 255}.${sent & 255}`;
  return { next, ip };
}
