import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { commonStrings } from '../locales/common.ts';
import type { PluralForms, PluralKey, StringTable, TermKey, Translation } from '../locales/types.ts';

type Host = ReactiveControllerHost & HTMLElement;
type Params = Record<string, string | number>;

// One observer for the whole page: a `lang` or `dir` change anywhere re-renders every Plaza element.
const connected = new Set<LocalizeController>();
let observer: MutationObserver | undefined;

function observeLanguageChanges() {
  if (observer || typeof MutationObserver === 'undefined') return;
  observer = new MutationObserver(() => {
    for (const controller of connected) controller.host.requestUpdate();
  });
  observer.observe(document.documentElement, { attributes: true, subtree: true, attributeFilter: ['lang', 'dir'] });
}

/** The closest ancestor (crossing shadow roots) that has `attribute`. */
function closestAttribute(start: Element, attribute: string): string | null {
  let node: Element | null = start;
  while (node) {
    const value = node.getAttribute(attribute);
    if (value) return value;
    node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host as Element | undefined) ?? null;
  }
  return null;
}

const isSupportedLocale = (tag: string) => {
  try {
    return Intl.getCanonicalLocales(tag).length > 0;
  } catch {
    return false;
  }
};

/** Tables loaded per language: `de` → the German poll table etc. A failed load counts as loaded (English shows). */
const loaded = new Map<string, Map<StringTable, Partial<Translation>>>();
const loading = new Map<string, Promise<void>>();

/** Starts (once) loading `table` in `language`; undefined when there is nothing to wait for. */
function loadTable(table: StringTable, language: string): Promise<void> | undefined {
  const tables = loaded.get(language) ?? loaded.set(language, new Map()).get(language)!;
  const loader = table.load[language];
  if (!loader || tables.has(table)) return undefined;
  const key = `${table.name}|${language}`;
  let promise = loading.get(key);
  if (!promise) {
    const done = (strings: Partial<Translation>) => {
      tables.set(table, strings);
      loading.delete(key);
    };
    promise = loader().then(
      (module) => done(module.default),
      (error: unknown) => {
        console.warn(`Plaza: the ${language} strings of ${table.name} could not be loaded; showing English.`, error);
        done({});
      },
    );
    loading.set(key, promise);
  }
  return promise;
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/**
 * Per-element locale (Web Awesome's LocalizeController pattern): the locale of the nearest `<plaza-config>`
 * (or `Plaza.configure`), else the nearest `lang` attribute, else the document's, else `en`. Unlike a global
 * locale, two configs on one page can show two languages. Strings come from `src/locales`, numbers, dates
 * and relative times from Intl.
 */
export class LocalizeController implements ReactiveController {
  constructor(
    readonly host: Host,
    private readonly configuredLocale: () => string | undefined = () => undefined,
    tables: readonly StringTable[] = [],
  ) {
    this.#tables = [commonStrings, ...tables];
    host.addController(this);
  }

  readonly #tables: readonly StringTable[];

  /**
   * Undefined when the host's strings are there for its language; otherwise a promise that settles once they
   * are loaded (or failed, then English shows). Plaza elements wait for it before rendering, so a German page
   * never flashes English.
   */
  ready(): Promise<void> | undefined {
    const language = this.#language();
    const pending = this.#tables.map((table) => loadTable(table, language)).filter((promise) => promise);
    return pending.length ? Promise.all(pending).then(() => undefined) : undefined;
  }

  #language(): string {
    return this.lang().toLowerCase().split(/[-_]/)[0] ?? 'en';
  }

  #lookup<K extends keyof Translation>(key: K): Translation[K] {
    const tables = loaded.get(this.#language());
    for (const table of this.#tables) {
      const value = tables?.get(table)?.[key] ?? table.en[key];
      if (value !== undefined) return value as Translation[K];
    }
    return key as unknown as Translation[K];
  }

  hostConnected(): void {
    connected.add(this);
    observeLanguageChanges();
  }

  hostDisconnected(): void {
    connected.delete(this);
  }

  /** The tag in effect, remembered while the host renders (a render asks for it hundreds of times). */
  #lang: string | undefined;
  #updating = false;

  hostUpdate(): void {
    this.#updating = true;
    this.#lang = undefined;
  }

  hostUpdated(): void {
    this.#updating = false;
    this.#lang = undefined;
  }

  /** The BCP 47 tag in effect for the host. */
  lang(): string {
    if (this.#lang) return this.#lang;
    const candidates = [this.configuredLocale(), closestAttribute(this.host, 'lang'), document.documentElement.lang];
    const tag = candidates.find((tag): tag is string => !!tag && isSupportedLocale(tag)) ?? 'en';
    if (this.#updating) this.#lang = tag;
    return tag;
  }

  dir(): 'ltr' | 'rtl' {
    return closestAttribute(this.host, 'dir') === 'rtl' ? 'rtl' : 'ltr';
  }

  /** A translated string with `{name}` parameters filled in. */
  term(key: TermKey, params: Params = {}): string {
    return interpolate(this.#lookup(key), params);
  }

  /** The plural form of `key` for `count`; `{count}` is the count formatted for the locale. */
  plural(key: PluralKey, count: number, params: Params = {}): string {
    const forms: PluralForms | string = this.#lookup(key);
    if (typeof forms === 'string') return forms;
    const category = new Intl.PluralRules(this.lang()).select(count);
    return interpolate(forms[category] ?? forms.other, { count: this.number(count), ...params });
  }

  number(value: number, options?: Intl.NumberFormatOptions): string {
    return new Intl.NumberFormat(this.lang(), options).format(value);
  }

  /** `ratio` 0…1 as a whole percentage: "42%", in German "42 %". */
  percent(ratio: number): string {
    return this.number(ratio, { style: 'percent', maximumFractionDigits: 0 });
  }

  /** "Tuesday, Wednesday and Friday" / "Dienstag, Mittwoch und Freitag". */
  list(items: string[]): string {
    return new Intl.ListFormat(this.lang(), { type: 'conjunction' }).format(items);
  }

  date(value: Date | string | number, options: Intl.DateTimeFormatOptions = { dateStyle: 'long', timeStyle: 'short' }) {
    return new Intl.DateTimeFormat(this.lang(), options).format(new Date(value));
  }

  /** "in 3 days", "2 hours ago", "in 45 seconds" — the largest unit that fits, rounded. */
  relativeTime(value: Date | string | number, now = Date.now()): string {
    const seconds = (new Date(value).getTime() - now) / 1000;
    const format = new Intl.RelativeTimeFormat(this.lang(), { numeric: 'auto' });
    for (const [unit, size] of UNITS) {
      if (Math.abs(seconds) >= size || unit === 'second') return format.format(Math.round(seconds / size), unit);
    }
    return format.format(0, 'second');
  }
}

function interpolate(template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}
