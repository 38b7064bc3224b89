/** `@plaza/widgets/config`: `<plaza-config>`'s class and the page-wide defaults, without registering a tag (see `define/config.js`). */
export { PlazaConfig } from './config.ts';
export { Plaza, type PlazaDefaults } from '../internal/defaults.ts';
export type { PlazaConfigValue, PlazaTheme } from '../internal/context.ts';
