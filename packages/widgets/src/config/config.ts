import { html, LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume, ContextProvider } from '@lit/context';
import { createClient, sharedClient, type ClientOptions, type PlazaClient } from '@plaza/sdk';
import {
  configContext,
  ensureContextRoot,
  isTheme,
  type PlazaConfigValue,
  type PlazaTheme,
} from '../internal/context.ts';
import { configStyles } from './config.styles.ts';

/**
 * Connects the Plaza elements inside it to one API: it creates the SDK client for `api-base` (once, and shared
 * with every other `<plaza-config>` of the page that has the same connection settings) and provides it, with
 * the locale and theme, to every Plaza element nested in it. Renders no box of its own (`display: contents`).
 * A nested `<plaza-config>` inherits what it does not set from the outer one.
 *
 * @tag plaza-config
 * @summary Page or section configuration for Plaza widgets: API base URL, auth, locale and theme.
 *
 * @slot - The Plaza widgets (and any other content) this configuration applies to.
 *
 * @cssprop [--plaza-color-accent=light-dark(#0b57d0, #8ab4f8)] - Buttons, selected options, result bars.
 * @cssprop [--plaza-color-on-accent=light-dark(#ffffff, #0f1f3a)] - Text on accent-coloured buttons.
 * @cssprop [--plaza-color-surface=light-dark(#ffffff, #161b22)] - Widget background.
 * @cssprop [--plaza-color-text=light-dark(#1f2328, #e6edf3)] - Body text.
 * @cssprop [--plaza-color-text-muted=light-dark(#59636e, #9da7b3)] - Secondary text (hints, counts, dates).
 * @cssprop [--plaza-color-border=light-dark(#d1d9e0, #3d444d)] - Widget and row borders.
 * @cssprop [--plaza-color-control-border=light-dark(#6e7781, #8b949e)] - Borders of buttons (≥ 3:1).
 * @cssprop [--plaza-color-danger=light-dark(#b3261e, #ff8b7e)] - Error messages, destructive actions.
 * @cssprop [--plaza-color-success=light-dark(#1a7f37, #56d364)] - Confirmations ("Vote counted").
 * @cssprop [--plaza-color-track=light-dark(#e6eaef, #2f3742)] - Unfilled part of result bars.
 * @cssprop [--plaza-color-focus=var(--plaza-color-accent)] - Focus ring.
 * @cssprop [--plaza-color-urgent-surface=light-dark(#fdecea, #3b1d1b)] - Background of urgent announcements (feed).
 * @cssprop [--plaza-radius=0.5rem] - Corner radius of widgets, buttons and bars.
 * @cssprop [--plaza-spacing=0.5rem] - Base unit of the spacing scale.
 * @cssprop [--plaza-space-1=calc(spacing × density × 0.5)] - Smallest gap.
 * @cssprop [--plaza-space-2=calc(spacing × density)] - Gap between rows.
 * @cssprop [--plaza-space-3=calc(spacing × density × 1.5)] - Gap between sections.
 * @cssprop [--plaza-space-4=calc(spacing × density × 2)] - Widget padding.
 * @cssprop [--plaza-group-cover-height=5rem, 8rem from 560px wide] - Height of the group card's cover banner.
 * @cssprop [--plaza-density=1] - Multiplies spacing and control heights: 0.75 compact, 1.25 roomy.
 * @cssprop [--plaza-font-family=inherit] - Font of every widget; the page's by default.
 * @cssprop [--plaza-font-size=inherit] - Base font size; the page's by default.
 */
export class PlazaConfig extends LitElement {
  static override styles = configStyles;

  /** URL under which the API's `/v1/...` routes live, e.g. `https://intranet.example/plaza` or `/`. */
  @property({ attribute: 'api-base', reflect: true }) apiBase: string | undefined;

  /** BCP 47 tag (`en`, `de`, `de-CH`) for every widget inside; defaults to the nearest `lang` attribute. */
  @property({ reflect: true }) locale: string | undefined;

  /**
   * `light` or `dark` forces the colour scheme, `auto` follows the OS; unset follows the page's `color-scheme`.
   * @type {'light' | 'dark' | 'auto' | undefined}
   */
  @property({ reflect: true }) theme: PlazaTheme | undefined;

  /** Cookie mode: `include` when the API is on another origin and uses cookies; `same-origin` by default. */
  @property({ reflect: true }) credentials: RequestCredentials | undefined;

  /** Bearer-token mode: returns an access token (OIDC, Entra ID, Keycloak…) or null when signed out. */
  @property({ attribute: false }) getToken: ClientOptions['getToken'] | undefined;

  /** A ready-made SDK client (tests, stories, a custom transport); wins over `api-base`. */
  @property({ attribute: false }) client: PlazaClient | undefined;

  /** The configuration of an enclosing `<plaza-config>`, for what this one leaves unset. */
  @consume({ context: configContext, subscribe: true })
  @state()
  private outer: PlazaConfigValue | undefined;

  #provider = new ContextProvider(this, { context: configContext, initialValue: undefined });
  #ownClient: { key: string; getToken: ClientOptions['getToken']; client: PlazaClient } | undefined;

  override connectedCallback(): void {
    ensureContextRoot();
    super.connectedCallback();
  }

  /** The client for the current connection settings, made only when they change. */
  #resolveClient(): PlazaClient | undefined {
    if (this.client) return this.client;
    if (this.apiBase === undefined) return this.outer?.client;
    const credentials = this.credentials;
    const key = `${this.apiBase}|${credentials ?? ''}`;
    if (!this.getToken) return sharedClient({ baseUrl: this.apiBase, credentials });
    // A token function is per config: two configs with different identity providers must not share a store.
    if (this.#ownClient?.key !== key || this.#ownClient.getToken !== this.getToken) {
      this.#ownClient = {
        key,
        getToken: this.getToken,
        client: createClient({ baseUrl: this.apiBase, credentials, getToken: this.getToken }),
      };
    }
    return this.#ownClient.client;
  }

  protected override willUpdate(): void {
    const value: PlazaConfigValue = {
      client: this.#resolveClient(),
      locale: this.locale || this.outer?.locale,
      theme: isTheme(this.theme) ? this.theme : this.outer?.theme,
    };
    const previous = this.#provider.value;
    if (
      !previous ||
      previous.client !== value.client ||
      previous.locale !== value.locale ||
      previous.theme !== value.theme
    ) {
      this.#provider.setValue(value);
    }
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
