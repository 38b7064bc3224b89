/**
 * `plaza.js`, the self-registering module a page loads with one `<script type="module">`: registers
 * `<plaza-config>` at once and loads each widget's code the first time its element is on the page, so a page
 * with one poll loads the poll's code only. Elements added later (by a CMS, or the snippet builder) load when
 * they appear; `loadPlaza('plaza-feed')` loads one by name (for elements inside a shadow root of the page's own,
 * which the page-wide watch does not see). `customElements.whenDefined(tag)` tells when one is ready.
 */
import './config/define.ts';
import { autoload } from './internal/autoload.ts';
import { adoptPlaceholders } from './internal/placeholders.ts';

export { PlazaConfig } from './config/config.ts';
export { Plaza, type PlazaDefaults } from './internal/defaults.ts';
export type { PlazaConfigValue, PlazaTheme } from './internal/context.ts';

adoptPlaceholders();

const feed = () => import('./feed/define.ts');

/** Loads and registers the code of a Plaza element (`plaza-poll`, `plaza-feed` …) now. */
export const loadPlaza = autoload({
  'plaza-poll': () => import('./poll/define.ts'),
  'plaza-group-card': () => import('./group-card/define.ts'),
  'plaza-ask-expert': () => import('./ask-expert/define.ts'),
  'plaza-feed': feed,
  'plaza-post': feed,
  'plaza-composer': feed,
  'plaza-poll-composer': feed,
});
