// The farewell message to a refused lead: a thank-you and a link to a three-question
// questionnaire (why not us), in the lead's language.

export const FAREWELL_LANGUAGES = ['en', 'ru'] as const;
export type FarewellLanguage = (typeof FAREWELL_LANGUAGES)[number];

export type FarewellEmail = { subject: string; text: string; html: string };

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const COPY: Record<
  FarewellLanguage,
  { subject: string; greeting: (name: string | null) => string; body: string; ask: string; signoff: string }
> = {
  en: {
    subject: 'Thank you for your interest',
    greeting: (name) => (name ? `Hello ${name},` : 'Hello,'),
    body: "Thank you for considering us. We understand this time it didn't work out, and we'd be glad to help whenever the time is right.",
    ask: 'Would you tell us in two minutes what we could have done better?',
    signoff: 'Best regards',
  },
  ru: {
    subject: 'Спасибо за интерес к нам',
    greeting: (name) => (name ? `Здравствуйте, ${name}!` : 'Здравствуйте!'),
    body: 'Спасибо, что рассматривали наше предложение. Понимаем, что сейчас не сложилось, и будем рады помочь, когда придёт время.',
    ask: 'Расскажете за две минуты, что мы могли сделать лучше?',
    signoff: 'С уважением',
  },
};

/** The lead's language when it is one we write in; English otherwise. */
export function farewellLanguageOf(language: string | null | undefined): FarewellLanguage {
  const base = language?.toLowerCase().split(/[-_]/)[0];
  return FAREWELL_LANGUAGES.find((l) => l === base) ?? 'en';
}

export function farewellEmail(input: {
  language: FarewellLanguage;
  name: string | null;
  questionnaireUrl: string;
}): FarewellEmail {
  const copy = COPY[input.language];
  const greeting = copy.greeting(input.name);
  const text = [greeting, '', copy.body, '', copy.ask, input.questionnaireUrl, '', copy.signoff].join('\n');
  const url = escapeHtml(input.questionnaireUrl);
  const html = [
    `<p>${escapeHtml(greeting)}</p>`,
    `<p>${escapeHtml(copy.body)}</p>`,
    `<p>${escapeHtml(copy.ask)}<br><a href="${url}">${url}</a></p>`,
    `<p>${escapeHtml(copy.signoff)}</p>`,
  ].join('\n');
  return { subject: copy.subject, text, html };
}
