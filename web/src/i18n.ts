import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from './api.ts';
import en from './i18n/en.json';
import insightsEn from './i18n/insights.en.json';
import insightsRu from './i18n/insights.ru.json';
import marketingEn from './i18n/marketing.en.json';
import marketingRu from './i18n/marketing.ru.json';
import ru from './i18n/ru.json';
import rulesEn from './i18n/rules.en.json';
import rulesRu from './i18n/rules.ru.json';
import settingsEn from './i18n/settings.en.json';
import settingsRu from './i18n/settings.ru.json';

export const LOCALES: readonly Locale[] = ['en', 'ru'];
const STORED_LOCALE = 'leadflow.locale';

/** The locale chosen in this browser, else the browser's language when it is one we have. */
export function initialLocale(): Locale {
  const stored = localStorage.getItem(STORED_LOCALE);
  if (stored === 'en' || stored === 'ru') return stored;
  return navigator.language.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

export function storedLocale(): Locale | null {
  const stored = localStorage.getItem(STORED_LOCALE);
  return stored === 'en' || stored === 'ru' ? stored : null;
}

export async function switchLocale(locale: Locale, remember: boolean): Promise<void> {
  if (remember) localStorage.setItem(STORED_LOCALE, locale);
  document.documentElement.lang = locale;
  await i18next.changeLanguage(locale);
}

// One bundle per area of the app (each with its own top-level keys), merged into one translation.
const translations = {
  en: { ...en, ...settingsEn, ...rulesEn, ...marketingEn, ...insightsEn },
  ru: { ...ru, ...settingsRu, ...rulesRu, ...marketingRu, ...insightsRu },
};

void i18next.use(initReactI18next).init({
  resources: { en: { translation: translations.en }, ru: { translation: translations.ru } },
  lng: initialLocale(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false }, // React escapes every text it renders
  returnNull: false,
});
document.documentElement.lang = i18next.language;

export default i18next;
