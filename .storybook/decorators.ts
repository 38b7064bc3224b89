import type { Decorator } from '@storybook/web-components-vite';

/**
 * The decorators of every story (`preview.ts` applies them; the accessibility test of every story state,
 * packages/widgets/src/stories-a11y.test.ts, applies the same ones outside Storybook).
 */
export const decorators: Decorator[] = [
  // A column about as wide as an intranet article, so widths look like they will on a page.
  (story) => {
    const column = document.createElement('div');
    column.style.maxWidth = '36rem';
    column.style.fontFamily = 'system-ui, sans-serif';
    column.append(story() as Node);
    return column;
  },
];
