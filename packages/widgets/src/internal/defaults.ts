import { createClient, type ClientOptions, type PlazaClient } from '@plaza/sdk';
import type { PlazaTheme } from './context.ts';

/** Page-wide defaults for Plaza elements that are not inside a `<plaza-config>`. */
export interface PlazaDefaults {
  /** URL under which the API's `/v1/...` routes live. */
  apiBase?: string;
  locale?: string;
  theme?: PlazaTheme;
  credentials?: RequestCredentials;
  getToken?: ClientOptions['getToken'];
  /** A ready-made client (tests, stories, a custom transport); wins over `apiBase`. */
  client?: PlazaClient;
}

interface DefaultsRecord {
  options: PlazaDefaults;
  /** Created on first use and shared by every copy of the library on the page. */
  client: PlazaClient | undefined;
}

const DEFAULTS = Symbol.for('plaza.defaults');
/** Fired on `globalThis` after `Plaza.configure`, so connected elements re-resolve their client and locale. */
export const DEFAULTS_CHANGED = 'plaza-defaults-change';

function record(): DefaultsRecord {
  const global = globalThis as Record<symbol, unknown>;
  return (global[DEFAULTS] ??= { options: {}, client: undefined }) as DefaultsRecord;
}

export function getDefaults(): Readonly<PlazaDefaults> {
  return record().options;
}

/** The page-wide client, created once per `Plaza.configure` from its `apiBase`; undefined when unconfigured. */
export function getDefaultClient(): PlazaClient | undefined {
  const defaults = record();
  if (defaults.options.client) return defaults.options.client;
  if (!defaults.client && defaults.options.apiBase !== undefined) {
    const { apiBase, credentials, getToken, locale } = defaults.options;
    defaults.client = createClient({ baseUrl: apiBase, credentials, getToken, locale });
  }
  return defaults.client;
}

export const Plaza = {
  /**
   * Sets the page-wide defaults; calling it again merges into them. A new `apiBase`, `credentials` or
   * `getToken` makes a new client; `locale` and `theme` only re-render.
   */
  configure(options: PlazaDefaults): void {
    const defaults = record();
    const next = { ...defaults.options, ...options };
    const connection = (o: PlazaDefaults) => [o.apiBase, o.credentials, o.getToken, o.client];
    if (connection(next).some((value, i) => value !== connection(defaults.options)[i])) defaults.client = undefined;
    defaults.options = next;
    globalThis.dispatchEvent?.(new Event(DEFAULTS_CHANGED));
  },
  /** Forgets the defaults (tests, single-page apps that unmount Plaza). */
  reset(): void {
    const defaults = record();
    defaults.options = {};
    defaults.client = undefined;
    globalThis.dispatchEvent?.(new Event(DEFAULTS_CHANGED));
  },
};
