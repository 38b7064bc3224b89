import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { translationFor, type PluralKey, type TermKey } from '../locales/index.ts';

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
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    connected.add(this);
    observeLanguageChanges();
  }

  hostDisconnected(): void {
    connected.delete(this);
  }

  /** The BCP 47 tag in effect for the host. */
  lang(): string {
    const candidates = [this.configuredLocale(), closestAttribute(this.host, 'lang'), document.documentElement.lang];
    return candidates.find((tag): tag is string => !!tag && isSupportedLocale(tag)) ?? 'en';
  }

  dir(): 'ltr' | 'rtl' {
    return closestAttribute(this.host, 'dir') === 'rtl' ? 'rtl' : 'ltr';
  }

  /** A translated string with `{name}` parameters filled in. */
  term(key: TermKey, params: Params = {}): string {
    return interpolate(translationFor(this.lang())[key], params);
  }

  /** The plural form of `key` for `count`; `{count}` is the count formatted for the locale. */
  plural(key: PluralKey, count: number, params: Params = {}): string {
    const forms = translationFor(this.lang())[key];
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
