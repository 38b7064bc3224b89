import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import type { Post } from '@plaza/contract';
import { createFeedApi } from '../../../../stories/fixtures/feed-api.ts';
import {
  feedScenarios,
  mountFeed,
  people,
  type FeedScenario,
  type FeedScenarioName,
  type MountedFeed,
} from '../../../../stories/fixtures/feed.ts';
import { manager, person, viewer } from '../../../../stories/fixtures/mock-api.ts';
import type { PlazaComposer } from './composer.ts';
import {
  PlazaAcknowledgeEvent,
  PlazaBeforePostEvent,
  PlazaCommentEvent,
  PlazaPostEvent,
  PlazaReactEvent,
} from './events.ts';
import type { PlazaFeed } from './feed.ts';
import type { PlazaPost } from './post.ts';

// ——— helpers ———

const textOf = (element: Element | null | undefined) => (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
const root = (feed: PlazaFeed) => feed.shadowRoot!;
const postsOf = (feed: PlazaFeed) => [...root(feed).querySelectorAll<PlazaPost>('plaza-post')];
const postEl = (feed: PlazaFeed, id: string) => {
  const found = postsOf(feed).find((post) => post.postId === id);
  if (!found) throw new Error(`no post ${id}; have ${postsOf(feed).map((p) => p.postId).join(', ')}`);
  return found;
};
const inPost = <T extends Element = HTMLElement>(post: PlazaPost, selector: string) =>
  post.shadowRoot!.querySelector<T>(selector);
const composerOf = (feed: PlazaFeed) => root(feed).querySelector<PlazaComposer>('plaza-composer')!;
const textareaOf = (composer: PlazaComposer) => composer.shadowRoot!.querySelector('textarea')!;

function buttonIn(scope: ShadowRoot | Element, label: string | RegExp): HTMLButtonElement {
  const found = [...scope.querySelectorAll<HTMLButtonElement>('button')].find((b) =>
    typeof label === 'string' ? textOf(b) === label : label.test(textOf(b)),
  );
  if (!found) throw new Error(`no button "${label}" in: ${textOf(scope instanceof ShadowRoot ? scope.host : scope)}`);
  return found;
}

const isLoaded = (feed: PlazaFeed) => !!root(feed)?.querySelector('.base') && !root(feed).querySelector('.skeleton');
const postsRendered = (feed: PlazaFeed) => postsOf(feed).every((post) => !!inPost(post, 'article'));

async function mount(scenario: FeedScenarioName | FeedScenario, options: Parameters<typeof mountFeed>[1] = {}) {
  const resolved = typeof scenario === 'string' ? feedScenarios[scenario] : scenario;
  const mounted = mountFeed(resolved, options);
  // A dark widget sits on a dark page, as in the story.
  const page = resolved.theme === 'dark' ? 'background: #0d1117; color-scheme: dark;' : '';
  await fixture(html`<div style="max-width: 40rem; ${page}">${mounted.config}</div>`);
  if (scenario !== 'loading') {
    await waitUntil(() => isLoaded(mounted.feed), 'the feed did not leave its loading state');
    await waitUntil(() => postsRendered(mounted.feed), 'posts did not render');
  }
  await mounted.feed.updateComplete;
  return mounted;
}

async function click(element: Element) {
  element.scrollIntoView({ block: 'center' });
  const box = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
}

/** The element that has focus, through shadow roots. */
function deepActive(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

const storedPost = (mounted: MountedFeed, id: string) => mounted.client.store.get<Post>('post', id)?.value;

// ——— tests ———

describe('<plaza-feed>', () => {
  afterEach(() => {
    (window as unknown as { __xss?: number }).__xss = 0;
  });

  describe('states', () => {
    it('shows posts with pinned and urgent announcements first', async () => {
      const { feed } = await mount('populated');
      const ids = postsOf(feed).map((post) => post.postId);
      expect(ids.slice(0, 2)).to.deep.equal(['post-outage', 'post-welcome']);
      const urgent = inPost(postEl(feed, 'post-outage'), 'article')!;
      expect(urgent.classList.contains('urgent')).to.equal(true);
      expect(textOf(urgent)).to.contain('Urgent announcement');
      expect(urgent.getAttribute('aria-describedby')).to.equal('flag-post-outage');
      await expect(feed).to.be.accessible();
    });

    it('loading: a skeleton with reserved height', async () => {
      const { feed } = await mount('loading');
      await waitUntil(() => root(feed)?.querySelector('.skeleton'));
      const skeleton = root(feed).querySelector<HTMLElement>('.skeleton')!;
      expect(skeleton.getBoundingClientRect().height).to.be.greaterThan(300);
      expect(textOf(root(feed).querySelector('[role="status"]'))).to.equal('Loading posts…');
      await expect(feed).to.be.accessible();
    });

    it('empty: invites the first post', async () => {
      const { feed } = await mount('empty');
      expect(textOf(root(feed).querySelector('.empty'))).to.equal('No posts yet. Be the first to post!');
      await expect(feed).to.be.accessible();
    });

    it('error: says so and Retry loads again', async () => {
      const { feed, api } = await mount('error');
      expect(textOf(root(feed).querySelector('.state'))).to.contain('The posts could not be loaded.');
      await expect(feed).to.be.accessible();
      delete api.options.overrides!.feed;
      await click(buttonIn(root(feed), 'Retry'));
      await waitUntil(() => postsOf(feed).length > 0, 'retry did not load the posts');
    });

    it('signed out: read-only', async () => {
      const { feed } = await mount('signedOut');
      expect(root(feed).querySelector('plaza-composer')).to.equal(null);
      expect(textOf(root(feed).querySelector('.composer-note'))).to.equal('Sign in to post and comment.');
      const like = buttonIn(inPost(postEl(feed, 'post-canteen'), '.reactions')!, /Like/);
      expect(like.getAttribute('aria-disabled')).to.equal('true');
      await expect(feed).to.be.accessible();
    });

    it('forbidden: a private group is not shown', async () => {
      const { feed } = await mount('forbidden');
      expect(textOf(root(feed).querySelector('.state'))).to.equal(
        'This group is private. Only its members can see its posts.',
      );
      await expect(feed).to.be.accessible();
    });

    it('German group feed', async () => {
      const { feed } = await mount('german');
      expect(postsOf(feed).map((p) => p.postId)).to.deep.equal(['post-solar-1', 'post-solar-2']);
      expect(textOf(inPost(postEl(feed, 'post-solar-1'), '.comments-toggle'))).to.equal('1 Kommentar');
      expect(composerOf(feed).shadowRoot!.querySelector('button[type="submit"]')!.textContent!.trim()).to.equal(
        'Veröffentlichen',
      );
      await expect(feed).to.be.accessible();
    });

    it('dark theme and manager view are accessible', async () => {
      const dark = await mount('dark');
      await expect(dark.feed).to.be.accessible();
      const { feed } = await mount('manager');
      expect(textOf(inPost(postEl(feed, 'post-outage'), '.ack-count'))).to.equal('Acknowledged by 2 of 120 members');
      await expect(feed).to.be.accessible();
    });
  });
});
