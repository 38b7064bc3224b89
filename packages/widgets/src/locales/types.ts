import type ask from './en/ask.ts';
import type common from './en/common.ts';
import type feed from './en/feed.ts';
import type group from './en/group.ts';
import type poll from './en/poll.ts';

/** A plural entry: one string per `Intl.PluralRules` category; `other` is required. */
export type PluralForms = { other: string } & Partial<Record<Intl.LDMLPluralRule, string>>;

/** A table with the keys of the English table `T`: a string where English has one, plural forms where it has them. */
export type Strings<T> = { [K in keyof T]: T[K] extends string ? string : PluralForms };

/** Every key of every English table, with the same kind of value (string or plural forms). */
export type Translation = Strings<typeof common & typeof poll & typeof feed & typeof group & typeof ask>;
export type TermKey = { [K in keyof Translation]: Translation[K] extends string ? K : never }[keyof Translation];
export type PluralKey = Exclude<keyof Translation, TermKey>;

/**
 * The strings of one element (or of all: `common`): English built in, other languages loaded the first time an
 * element shows them, so a page downloads only the strings of the elements and the language it uses.
 */
export interface StringTable {
  /** `common`, `poll`, `feed`, `group`, `ask`. */
  readonly name: string;
  readonly en: Partial<Translation>;
  /** Loaders of the other languages, by primary language subtag (`de`). */
  readonly load: Readonly<Record<string, () => Promise<{ default: Partial<Translation> }>>>;
}
