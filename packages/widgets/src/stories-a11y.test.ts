// axe-core over every story state: each export of stories/*.stories.ts is rendered as Storybook renders it
// (the story's render or the meta's, meta args merged under the story's, story → meta → preview decorators),
// against the stories' mocked network, waits until every widget in it has settled, and must pass axe with no
// violation. One test per story, so a failure names the story. The dark stories put the widget on a dark page,
// so colour contrast is checked there too. A story that shows a loading state forever (the server never
// answers) is checked in that state.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { Decorator, Meta, StoryObj } from '@storybook/web-components-vite';
import { decorators as previewDecorators } from '../../../.storybook/decorators.ts';
import * as askExpertStories from '../../../stories/ask-expert.stories.ts';
import * as feedStories from '../../../stories/feed.stories.ts';
import * as groupCardStories from '../../../stories/group-card.stories.ts';
import * as pollStories from '../../../stories/poll.stories.ts';
import * as themingStories from '../../../stories/theming.stories.ts';

type Args = Record<string, unknown>;
type StoriesModule = { default: Meta<Args> } & Record<string, unknown>;

const modules: Record<string, StoriesModule> = {
  'ask-expert': askExpertStories as unknown as StoriesModule,
  feed: feedStories as unknown as StoriesModule,
  'group-card': groupCardStories as unknown as StoriesModule,
  poll: pollStories as unknown as StoriesModule,
  theming: themingStories as unknown as StoriesModule,
};

/** Stories whose network never answers: they stay in their loading state, which must pass axe too. */
const FOREVER_LOADING = new Set(['Loading']);

/** Renders one story as Storybook does: args merged, render function, decorators from inside out. */
function renderStory(meta: Meta<Args>, story: StoryObj<Args>, exportName: string): HTMLElement {
  const args = { ...meta.args, ...story.args } as Args;
  const render = story.render ?? meta.render;
  if (!render) throw new Error(`${exportName} has no render function`);
  const context = { args, name: story.name ?? exportName, id: exportName } as never;
  let show = () => render(args, context) as unknown;
  const chain = [...toArray(story.decorators), ...toArray(meta.decorators), ...previewDecorators];
  for (const decorator of chain) {
    const inner = show;
    show = () => (decorator as (story: () => unknown, context: never) => unknown)(inner, context);
  }
  const node = show();
  if (!(node instanceof HTMLElement)) throw new Error(`${exportName} did not render an element`);
  return node;
}

const toArray = (value: Decorator<Args> | Decorator<Args>[] | undefined): Decorator<Args>[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** Every Plaza element under `root`, through open shadow roots (the feed's posts, polls and composers too). */
function plazaElements(root: ParentNode, found: Element[] = []): Element[] {
  for (const element of root.querySelectorAll('*')) {
    if (element.localName.startsWith('plaza-')) found.push(element);
    if (element.shadowRoot) plazaElements(element.shadowRoot, found);
  }
  return found;
}

/** Still loading somewhere: a skeleton, a busy region, or a widget whose first render has not happened. */
function loading(root: Element): boolean {
  return plazaElements(root).some((element) => {
    const shadow = element.shadowRoot;
    if (!shadow) return element.localName !== 'plaza-config';
    return !!shadow.querySelector('.skeleton, [aria-busy="true"]');
  });
}

async function settle(root: Element) {
  for (const element of plazaElements(root))
    await (element as Partial<{ updateComplete: Promise<unknown> }>).updateComplete;
}

for (const [file, module] of Object.entries(modules)) {
  const meta = module.default;
  describe(`stories/${file}.stories.ts: every story passes axe`, () => {
    for (const [exportName, story] of Object.entries(module)) {
      if (exportName === 'default' || typeof story !== 'object' || story === null) continue;
      const title = (story as StoryObj<Args>).name ?? exportName;
      it(`${exportName} (${title})`, async () => {
        const element = await fixture<HTMLElement>(html`${renderStory(meta, story as StoryObj<Args>, exportName)}`);
        if (FOREVER_LOADING.has(exportName)) {
          // Past the stories' simulated latency: the request is still open, the skeleton still shown.
          await new Promise((resolve) => setTimeout(resolve, 600));
          expect(loading(element), 'a forever-loading story left its loading state').to.equal(true);
        } else {
          await waitUntil(
            () => plazaElements(element).length > 0 && !loading(element),
            `${exportName} did not settle`,
            {
              timeout: 5000,
            },
          );
        }
        await settle(element);
        await expect(element).to.be.accessible();
      });
    }
  });
}
