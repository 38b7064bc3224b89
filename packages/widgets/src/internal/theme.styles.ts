import { css } from 'lit';

/**
 * Design tokens shared by every Plaza element. Public: the `--plaza-*` custom properties (set them on the page,
 * on `<plaza-config>` or on one element). Private: the `--_*` properties the element styles use. Colours are
 * `light-dark()` pairs, so they follow `color-scheme`: `<plaza-config theme="dark">` sets it, `auto` follows
 * the OS, and without a theme the page's own `color-scheme` applies. Every default pair meets WCAG 2.2 AA:
 * text ≥ 4.5:1 and controls ≥ 3:1 against the surface.
 */
export const tokenStyles = css`
  :host {
    --_accent: var(--plaza-color-accent, light-dark(#0b57d0, #8ab4f8));
    --_on-accent: var(--plaza-color-on-accent, light-dark(#ffffff, #0f1f3a));
    --_surface: var(--plaza-color-surface, light-dark(#ffffff, #161b22));
    --_text: var(--plaza-color-text, light-dark(#1f2328, #e6edf3));
    --_muted: var(--plaza-color-text-muted, light-dark(#59636e, #9da7b3));
    --_border: var(--plaza-color-border, light-dark(#d1d9e0, #3d444d));
    --_control-border: var(--plaza-color-control-border, light-dark(#6e7781, #8b949e));
    --_danger: var(--plaza-color-danger, light-dark(#b3261e, #ff8b7e));
    --_success: var(--plaza-color-success, light-dark(#1a7f37, #56d364));
    --_track: var(--plaza-color-track, light-dark(#e6eaef, #2f3742));
    --_focus: var(--plaza-color-focus, var(--_accent));
    --_radius: var(--plaza-radius, 0.5rem);
    --_density: var(--plaza-density, 1);
    --_spacing: var(--plaza-spacing, 0.5rem);
    --_space-1: var(--plaza-space-1, calc(var(--_spacing) * var(--_density) * 0.5));
    --_space-2: var(--plaza-space-2, calc(var(--_spacing) * var(--_density)));
    --_space-3: var(--plaza-space-3, calc(var(--_spacing) * var(--_density) * 1.5));
    --_space-4: var(--plaza-space-4, calc(var(--_spacing) * var(--_density) * 2));
    --_control-height: calc(2.75rem * var(--_density));

    font-family: var(--plaza-font-family, inherit);
    font-size: var(--plaza-font-size, inherit);
    line-height: 1.4;
    color: var(--_text);
  }

  :host([hidden]) {
    display: none !important;
  }

  /* Laid out but unseen while the strings of the page's language load (no English flash, no layout shift). */
  :host([data-plaza-strings-loading]) {
    visibility: hidden;
  }

  /*
   * High contrast (Windows contrast themes, forced-colors): the browser replaces colours with the user's system
   * colours; the tokens follow, so what the browser does not force (mixed colours, accent text) uses them too.
   */
  @media (forced-colors: active) {
    :host {
      --_accent: Highlight;
      --_on-accent: HighlightText;
      --_surface: Canvas;
      --_text: CanvasText;
      --_muted: CanvasText;
      --_border: CanvasText;
      --_control-border: ButtonText;
      --_danger: CanvasText;
      --_success: CanvasText;
      --_track: Canvas;
      --_focus: Highlight;
    }
  }

  [data-theme='light'] {
    color-scheme: light;
  }
  [data-theme='dark'] {
    color-scheme: dark;
  }
  [data-theme='auto'] {
    color-scheme: light dark;
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }

  button {
    font: inherit;
    min-height: max(2.75rem * var(--_density), 1.5rem);
    padding: 0 var(--_space-3);
    border-radius: var(--_radius);
    border: 1px solid var(--_control-border);
    background: var(--_surface);
    color: var(--_text);
    cursor: pointer;
  }
  button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
  }
  @media (forced-colors: active) {
    /* Highlight and HighlightText are a pair the user chose; without this the browser would also paint its
       backplate (Canvas) behind the label, which can match HighlightText and hide it. */
    button.primary {
      forced-color-adjust: none;
    }
  }
  button.danger {
    color: var(--_danger);
    border-color: currentColor;
  }
  button.link {
    border-color: transparent;
    background: none;
    color: var(--_accent);
    text-decoration: underline;
    padding-inline: var(--_space-1);
  }
  button[aria-disabled='true'],
  button:disabled {
    cursor: not-allowed;
    opacity: 0.65;
  }
  button:hover:not([aria-disabled='true'], :disabled) {
    filter: brightness(0.95);
  }

  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
`;
