import type { StorybookConfig } from '@storybook/web-components-vite';

/** `pnpm storybook`: every widget in every state, against the mocked network of `stories/fixtures`. */
const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true },
};

export default config;
