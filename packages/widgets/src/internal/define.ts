/**
 * Registers `tag` unless it already is: a second copy of the library (or a second script tag) then becomes a
 * no-op instead of throwing "has already been used with this registry". Warns in development builds.
 */
export function defineElement(tag: string, constructor: CustomElementConstructor): void {
  if (typeof customElements === 'undefined') return;
  const existing = customElements.get(tag);
  if (existing) {
    if (existing !== constructor && isDevelopment()) {
      console.warn(`[plaza] <${tag}> is already defined (another copy of Plaza on this page?); keeping the first.`);
    }
    return;
  }
  customElements.define(tag, constructor);
}

function isDevelopment(): boolean {
  // Vite and most bundlers replace `import.meta.env`; plain ES module loads have none and count as development.
  const env = (import.meta as ImportMeta & { env?: { PROD?: boolean } }).env;
  return env?.PROD !== true;
}
