/// <reference types="vite/client" />
import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
import { decorators } from './decorators.ts';

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
  decorators,
};

export default preview;
