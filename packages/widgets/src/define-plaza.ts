import { PlazaAskExpert } from './ask-expert/ask-expert.ts';
import { PlazaConfig } from './config/config.ts';
import { PlazaComposer } from './feed/composer.ts';
import { PlazaFeed } from './feed/feed.ts';
import { PlazaPollComposer } from './feed/poll-composer.ts';
import { PlazaPost } from './feed/post.ts';
import { PlazaGroupCard } from './group-card/group-card.ts';
import { defineElement } from './internal/define.ts';
import { PlazaPoll } from './poll/poll.ts';

/** The elements `definePlaza` registers, by the name after the prefix. */
const ELEMENTS = {
  config: PlazaConfig,
  poll: PlazaPoll,
  'group-card': PlazaGroupCard,
  'ask-expert': PlazaAskExpert,
  feed: PlazaFeed,
  post: PlazaPost,
  composer: PlazaComposer,
  'poll-composer': PlazaPollComposer,
} satisfies Record<string, CustomElementConstructor>;

export type PlazaElementName = keyof typeof ELEMENTS;

export interface DefinePlazaOptions {
  /**
   * Tag prefix: `acme` registers `<acme-config>`, `<acme-poll>`, … for a page where another copy of Plaza
   * already owns `plaza-*`. Lower-case letters, digits and hyphens, starting with a letter. Default `plaza`.
   */
  prefix?: string;
}

/**
 * Registers every Plaza element under `prefix` and returns the tag names it used, by element. Tags that are
 * already registered are left alone (a console warning in development when it is another copy's class), so
 * calling it twice, or after `@plaza/widgets/define`, is harmless. Elements of one prefix work together:
 * put `<acme-poll>` inside `<acme-config>`.
 *
 * @example
 * import { definePlaza } from '@plaza/widgets';
 * definePlaza({ prefix: 'acme' }); // <acme-config>, <acme-poll>, <acme-group-card>
 */
export function definePlaza({ prefix = 'plaza' }: DefinePlazaOptions = {}): Record<PlazaElementName, string> {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(prefix)) {
    throw new TypeError(`definePlaza: "${prefix}" is not a valid tag prefix (e.g. "acme" or "acme-intranet")`);
  }
  const tags = {} as Record<PlazaElementName, string>;
  for (const [name, base] of Object.entries(ELEMENTS) as [PlazaElementName, CustomElementConstructor][]) {
    const tag = `${prefix}-${name}`;
    const existing = typeof customElements === 'undefined' ? undefined : customElements.get(tag);
    // One constructor can be registered under one name only: other prefixes get a subclass of their own (or
    // keep the one an earlier call registered; a tag owned by anything else makes defineElement warn).
    const ours = existing && (existing === base || existing.prototype instanceof base) ? existing : undefined;
    const constructor = prefix === 'plaza' ? base : (ours ?? class extends (base as typeof HTMLElement) {});
    defineElement(tag, constructor);
    tags[name] = tag;
  }
  return tags;
}
