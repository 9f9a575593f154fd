import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from './api.ts';
import en from './i18n/en.json';
import ru from './i18n/ru.json';

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

void i18next.use(initReactI18next).init({
  resources: { en: { translation: en }, ru: { translation: ru } },
  lng: initialLocale(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false }, // React escapes every text it renders
  returnNull: false,
});
document.documentElement.lang = i18next.language;

export default i18next;
