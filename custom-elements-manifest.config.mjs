// `cem analyze` reads the JSDoc on the element classes (@summary, @csspart, @cssprop, @event, @slot) and
// writes packages/widgets/custom-elements.json, which Storybook's autodocs read.
export default {
  globs: ['packages/widgets/src/**/*.ts'],
  exclude: ['**/*.test.ts', '**/*.stories.ts', '**/*.styles.ts', 'packages/widgets/src/locales/**'],
  outdir: 'packages/widgets',
  litelement: true,
  dependencies: false,
  // package.json files name their manifest themselves; a run into another folder must not rewrite them.
  packagejson: false,
};
