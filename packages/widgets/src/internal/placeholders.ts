/**
 * Until its code has loaded, an element is empty (and inline); then it shows its loading skeleton. To keep the
 * page from moving at that moment, each widget's tag takes its skeleton's height before it is defined — the
 * heights at the default tokens and a 16 px font (`placeholders.test.ts` holds them to the skeletons). The rules
 * have zero specificity (`:where`), so a page's own CSS for the element always wins.
 */
const SKELETON_HEIGHTS: [selector: string, height: string][] = [
  ['poll', '20.8682rem'],
  // A full card's skeleton is 14 px shorter where the card is 600 px wide or more (its two-column layout, a
  // container query a placeholder cannot make): the narrow height suits the sidebars cards mostly sit in.
  ['group-card', '22.4443rem'],
  ['group-card[layout="compact"]', '16.6943rem'],
  ['feed', '28.5rem'],
  ['ask-expert', '27.625rem'],
];

/** The placeholder rules for the widgets registered under `prefix`. */
export function placeholderCss(prefix = 'plaza'): string {
  return SKELETON_HEIGHTS.map(
    ([selector, height]) => `:where(${prefix}-${selector}:not(:defined)){display:block;min-height:${height}}`,
  ).join('\n');
}

/** Adds the placeholder rules to the document (a constructed style sheet: allowed under a strict CSP). */
export function adoptPlaceholders(prefix = 'plaza'): void {
  if (typeof document === 'undefined' || !('adoptedStyleSheets' in document)) return;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(placeholderCss(prefix));
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}
