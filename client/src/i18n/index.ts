import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { readPreference, writePreference } from '../app/preferences';
import { en } from './en';
import { it } from './it';

export const LANGUAGES = ['it', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'it';

const LANGUAGE_KEY = 'language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export const resources = {
  it: { translation: it },
  en: { translation: en },
} as const;

/** The stored choice, else Italian: the product's audience is Italian whatever the browser says. */
function initialLanguage(): Language {
  const stored = readPreference(LANGUAGE_KEY);
  return isLanguage(stored) ? stored : DEFAULT_LANGUAGE;
}

function reflectOnDocument(language: string): void {
  document.documentElement.lang = language;
}

export async function setupI18n(): Promise<typeof i18next> {
  const lng = initialLanguage();
  await i18next.use(initReactI18next).init({
    resources,
    lng,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  reflectOnDocument(lng);
  i18next.on('languageChanged', reflectOnDocument);
  return i18next;
}

export async function changeLanguage(language: Language): Promise<void> {
  writePreference(LANGUAGE_KEY, language);
  await i18next.changeLanguage(language);
}

export function currentLanguage(): Language {
  const lng = i18next.resolvedLanguage;
  return isLanguage(lng) ? lng : DEFAULT_LANGUAGE;
}
