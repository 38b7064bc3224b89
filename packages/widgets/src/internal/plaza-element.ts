import { LitElement } from 'lit';
import { state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { PlazaClient } from '@plaza/sdk';
import { configContext, ensureContextRoot, type PlazaConfigValue, type PlazaTheme } from './context.ts';
import { DEFAULTS_CHANGED, getDefaultClient, getDefaults } from './defaults.ts';
import type { StringTable } from '../locales/types.ts';
import { LocalizeController } from './localize.ts';
import { tokenStyles } from './theme.styles.ts';

/** Host attribute while the element's strings load (`visibility: hidden`, see theme.styles.ts). */
const STRINGS_LOADING = 'data-plaza-strings-loading';

/**
 * Base of every Plaza widget: takes client, locale and theme from the nearest `<plaza-config>`, field by field
 * falling back to `Plaza.configure`, and owns a LocalizeController.
 */
export class PlazaElement extends LitElement {
  static override styles = [tokenStyles];

  /** @internal The value of the nearest `<plaza-config>`, if any. */
  @consume({ context: configContext, subscribe: true })
  @state()
  plazaConfig: PlazaConfigValue | undefined;

  /** @internal The strings this element needs besides the common ones (its widget's table). */
  static strings: readonly StringTable[] = [];

  protected readonly localize = new LocalizeController(
    this,
    () => this.plazaConfig?.locale ?? getDefaults().locale,
    (this.constructor as typeof PlazaElement).strings,
  );

  /**
   * Shows text only in the element's language (German is loaded on first use). The first render does not wait
   * for the strings: it lays the element out (skeleton and all) but keeps it invisible until they are there,
   * so the page does not shift when they arrive and never flashes English. A later change of language keeps
   * the current text until the new strings are loaded.
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const pending = this.localize.ready();
    if (!pending) return super.scheduleUpdate();
    if (this.hasUpdated) return pending.then(() => super.scheduleUpdate());
    this.toggleAttribute(STRINGS_LOADING, true);
    void pending.then(() => {
      this.removeAttribute(STRINGS_LOADING);
      this.requestUpdate();
    });
    return super.scheduleUpdate();
  }

  /** The SDK client in effect, or undefined while neither a `<plaza-config>` nor `Plaza.configure` gives one. */
  protected get client(): PlazaClient | undefined {
    return this.plazaConfig?.client ?? getDefaultClient();
  }

  protected get theme(): PlazaTheme | undefined {
    return this.plazaConfig?.theme ?? getDefaults().theme;
  }

  #onDefaultsChanged = () => this.requestUpdate();

  override connectedCallback(): void {
    // Before super: the context request this element sends on connect must find the root.
    ensureContextRoot();
    super.connectedCallback();
    globalThis.addEventListener(DEFAULTS_CHANGED, this.#onDefaultsChanged);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    globalThis.removeEventListener(DEFAULTS_CHANGED, this.#onDefaultsChanged);
  }
}
