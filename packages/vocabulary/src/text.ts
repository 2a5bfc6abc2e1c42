/** Bilingual text: Chinese first for operators, English second. */
export interface Text {
  zh: string;
  en: string;
}

export type Language = keyof Text;

/**
 * The text in the reader's language: English when asked for and present, Chinese otherwise; empty
 * for no text.
 */
export function pick(text: Text | null | undefined, language: string): string {
  if (!text) return '';
  return language.startsWith('en') && text.en ? text.en : text.zh;
}

/** `中文 / English`, the form of texts that must carry both (logs an operator reads, error bodies). */
export function both(text: Text): string {
  return text.zh === text.en ? text.zh : `${text.zh} / ${text.en}`;
}
