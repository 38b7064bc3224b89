import de from './de.ts';
import en, { type Translation } from './en.ts';

export type { PluralForms, PluralKey, TermKey, Translation } from './en.ts';

/** The shipped tables by primary language subtag; anything else falls back to English. */
export const translations: Record<string, Translation> = { en, de };

/** The table for a BCP 47 tag: `de-AT` → German, `fr` → English. */
export function translationFor(locale: string): Translation {
  const language = locale.toLowerCase().split(/[-_]/)[0] ?? 'en';
  return translations[language] ?? en;
}
