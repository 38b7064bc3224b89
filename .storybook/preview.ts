/// <reference types="vite/client" />
import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';

// `pnpm exec cem analyze` writes the manifest from the elements' JSDoc; autodocs then list attributes,
// properties, events, parts and custom properties. Without it the stories still run.
const manifests = import.meta.glob<Record<string, unknown>>('../packages/widgets/custom-elements.json', {
  eager: true,
  import: 'default',
});
const manifest = Object.values(manifests)[0];
if (manifest) setCustomElementsManifest(manifest);

const preview: Preview = {
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
  },
  decorators: [
    // A column about as wide as an intranet article, so widths look like they will on a page.
    (story) => {
      const column = document.createElement('div');
      column.style.maxWidth = '36rem';
      column.style.fontFamily = 'system-ui, sans-serif';
      column.append(story() as Node);
      return column;
    },
  ],
};

export default preview;
