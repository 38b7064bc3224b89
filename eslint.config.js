import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { configs as litConfigs } from 'eslint-plugin-lit';
import { configs as wcConfigs } from 'eslint-plugin-wc';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'storybook-static/**',
      '.plaza-data/**',
      'demo/dist/**',
      'custom-elements.json',
      'packages/contract/src/checks.ts',
      'packages/contract/src/checks/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['packages/widgets/**/*.ts', 'stories/**/*.ts'],
    ...litConfigs['flat/recommended'],
  },
  {
    files: ['packages/widgets/**/*.ts', 'stories/**/*.ts'],
    ...wcConfigs['flat/recommended'],
  },
  {
    files: ['packages/widgets/**/*.ts'],
    rules: {
      // Elements never call fetch: data comes from the SDK client through context.
      'no-restricted-globals': ['error', { name: 'fetch', message: 'Widgets load data through the SDK client.' }],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'zod', message: "Browser code imports 'zod/mini'." },
            {
              name: 'lit/directives/style-map.js',
              message: 'styleMap writes a style attribute on first render, which a strict CSP blocks: use styleProps.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/widgets/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      // Style attributes in templates are blocked by a strict CSP (style-src without 'unsafe-inline').
      'no-restricted-syntax': [
        'error',
        {
          selector: "TaggedTemplateExpression[tag.name='html'] TemplateElement[value.raw=/\\sstyle=/]",
          message: 'No style attributes in templates (a strict CSP blocks them): use a class or styleProps.',
        },
      ],
    },
  },
);
