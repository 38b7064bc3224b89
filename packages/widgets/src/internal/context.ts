import { ContextRoot, createContext } from '@lit/context';
import type { PlazaClient } from '@plaza/sdk';

/** `light`/`dark` force a scheme, `auto` follows the OS; unset inherits the page's `color-scheme`. */
export type PlazaTheme = 'light' | 'dark' | 'auto';

/** What `<plaza-config>` gives the elements inside it; unset fields fall back to `Plaza.configure`. */
export interface PlazaConfigValue {
  client: PlazaClient | undefined;
  locale: string | undefined;
  theme: PlazaTheme | undefined;
}

/**
 * The context key is a registered symbol, so two copies of the library on one page (a CMS plugin and a page
 * bundle, say) still find each other's `<plaza-config>`.
 */
export const configContext = createContext<PlazaConfigValue | undefined>(Symbol.for('plaza.config'));

const ROOT = Symbol.for('plaza.context-root');

/**
 * Attaches one `ContextRoot` to the document (once per page, whichever copy of the library comes first), so a
 * `<plaza-config>` defined or inserted after the widgets inside it still reaches them.
 */
export function ensureContextRoot(): void {
  if (typeof document === 'undefined') return;
  const global = globalThis as Record<symbol, unknown>;
  if (global[ROOT]) return;
  const root = new ContextRoot();
  root.attach(document.documentElement);
  global[ROOT] = root;
}

export const isTheme = (value: unknown): value is PlazaTheme =>
  value === 'light' || value === 'dark' || value === 'auto';
