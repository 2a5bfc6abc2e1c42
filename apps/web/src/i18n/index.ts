import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

/**
 * Chinese first, English on request. Each screen keeps its words in `locales/<area>.ts` as
 * `{ zh: {...}, en: {...} }` under its own key, so screens never collide over one big dictionary.
 */
export type Messages = { [key: string]: string | Messages };
export interface LocaleModule {
  default: { zh: Messages; en: Messages };
}

export const LANGUAGES = ['zh', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'hub.language';

const modules = import.meta.glob<LocaleModule>('./locales/*.ts', { eager: true });

function collect(language: Language): Messages {
  const out: Messages = {};
  for (const [file, module] of Object.entries(modules)) {
    const area = /([^/]+)\.ts$/.exec(file)![1]!;
    out[area] = module.default[language];
  }
  return out;
}

export function initialLanguage(): Language {
  const stored = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
  return stored === 'en' ? 'en' : 'zh';
}

export function rememberLanguage(language: Language) {
  localStorage.setItem(STORAGE_KEY, language);
}

void i18n.use(initReactI18next).init({
  resources: { zh: { translation: collect('zh') }, en: { translation: collect('en') } },
  lng: initialLanguage(),
  fallbackLng: 'zh',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18n;
