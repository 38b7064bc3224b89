import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import type { Post } from '@plaza/contract';
import {
  feedScenarios,
  mountFeed,
  people,
  type FeedScenario,
  type FeedScenarioName,
  type MountedFeed,
} from '../../../../stories/fixtures/feed.ts';
import { manager, viewer } from '../../../../stories/fixtures/mock-api.ts';
import { XSS_VECTORS } from '../../../../stories/fixtures/xss.ts';
import { definePlaza } from '../define-plaza.ts';
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
import { postsApi } from '@plaza/sdk/posts';

// ——— helpers ———

const textOf = (element: Element | null | undefined) => (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
const root = (feed: PlazaFeed) => feed.shadowRoot!;
const postsOf = (feed: PlazaFeed) => [...root(feed).querySelectorAll<PlazaPost>('plaza-post')];
const postEl = (feed: PlazaFeed, id: string) => {
  const found = postsOf(feed).find((post) => post.postId === id);
  if (!found)
    throw new Error(
      `no post ${id}; have ${postsOf(feed)
        .map((p) => p.postId)
        .join(', ')}`,
    );
  return found;
};
const inPost = <T extends Element = HTMLElement>(post: PlazaPost, selector: string) =>
  post.shadowRoot!.querySelector<T>(selector);
const composerOf = (feed: PlazaFeed) => root(feed).querySelector<PlazaComposer>('plaza-composer')!;
const textareaOf = (composer: PlazaComposer) => composer.shadowRoot!.querySelector('textarea')!;

const findButton = (scope: ShadowRoot | Element, label: string | RegExp) =>
  [...scope.querySelectorAll<HTMLButtonElement>('button')].find((b) =>
    typeof label === 'string' ? textOf(b) === label : label.test(textOf(b)),
  );

function buttonIn(scope: ShadowRoot | Element, label: string | RegExp): HTMLButtonElement {
  const found = findButton(scope, label);
  if (!found) throw new Error(`no button "${label}" in: ${textOf(scope instanceof ShadowRoot ? scope.host : scope)}`);
  return found;
}

const isLoaded = (feed: PlazaFeed) => !!root(feed)?.querySelector('.base') && !root(feed).querySelector('.skeleton');
const postsRendered = (feed: PlazaFeed) => postsOf(feed).every((post) => !!inPost(post, 'article'));

async function mount(scenario: FeedScenarioName | FeedScenario, options: Parameters<typeof mountFeed>[1] = {}) {
  const resolved: FeedScenario = typeof scenario === 'string' ? feedScenarios[scenario] : scenario;
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
/** Opens the composer's poll part ("Add poll"): the composer, the poll composer and its text fields. */
async function openPollComposer(feed: PlazaFeed) {
  const composer = composerOf(feed);
  await click(buttonIn(composer.shadowRoot!, 'Add poll'));
  await composer.updateComplete;
  const pollComposer = composer.shadowRoot!.querySelector('plaza-poll-composer')!;
  await pollComposer.updateComplete;
  const inputs = [...pollComposer.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type="text"]')];
  return { composer, pollComposer, inputs };
}

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

    it('a reader that cannot be loaded: the error state, no request loop, and Retry shows the posts', async () => {
      for (const fault of ['wrong-schema', { status: 500, code: 'internal' }] as const) {
        const populated = feedScenarios.populated;
        const { feed, api } = await mount({
          ...populated,
          api: () => ({ ...populated.api(), overrides: { me: fault } }),
        });
        await waitUntil(() => findButton(root(feed), 'Retry'), 'no error state');
        expect(textOf(root(feed).querySelector('.state'))).to.contain('The posts could not be loaded.');
        // Posts holding polls once mounted and unmounted in turn, each asking for the reader again.
        await new Promise((done) => setTimeout(done, 300));
        expect(api.requests.filter((r) => r.path === '/v1/me').length).to.be.at.most(2);
        expect(postsOf(feed)).to.have.length(0);
        await expect(feed).to.be.accessible();
        delete api.options.overrides!.me;
        await click(buttonIn(root(feed), 'Retry'));
        await waitUntil(() => postsOf(feed).length > 0, 'retry did not load the posts');
        expect(root(feed).querySelector('plaza-composer')).to.not.equal(null);
      }
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

    it('at 320 px in German, in a narrow column, the actions of an own reply stay whole words', async () => {
      await setViewport({ width: 320, height: 800 });
      try {
        const { feed, config } = await mount('german');
        // A page column narrower than the screen, as on the demo's German page.
        config.parentElement!.style.maxWidth = '240px';
        const post = postEl(feed, 'post-solar-1');
        await click(inPost(post, '.comments-toggle')!);
        await waitUntil(() => inPost(post, '.comment-list'));
        await click(buttonIn(post.shadowRoot!, 'Antworten'));
        await waitUntil(() => deepActive() === textareaOf(inPost<PlazaComposer>(post, '.reply-composer')!));
        await sendKeys({ type: 'Ich nehme auch einen.' });
        await sendKeys({ press: 'Control+Enter' });
        await waitUntil(() => inPost(post, '.replies .comment-actions'), 'no own reply');
        const lines = (button: Element) => {
          const range = document.createRange();
          range.selectNodeContents(button);
          return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
        };
        const actions = [...post.shadowRoot!.querySelectorAll('.replies .comment-actions button')];
        expect(actions.map((button) => textOf(button))).to.deep.equal(['Bearbeiten', 'Löschen']);
        for (const button of actions) expect(lines(button), textOf(button)).to.equal(1);
        expect(document.documentElement.scrollWidth).to.be.at.most(320);
      } finally {
        await setViewport({ width: 1280, height: 800 });
      }
    });

    it('dark theme and manager view are accessible', async () => {
      const dark = await mount('dark');
      await expect(dark.feed).to.be.accessible();
      const { feed } = await mount('manager');
      expect(textOf(inPost(postEl(feed, 'post-outage'), '.ack-count'))).to.equal('Acknowledged by 2 of 120 members');
      await expect(feed).to.be.accessible();
    });
  });

  describe('posting', () => {
    it('posts with Ctrl+Enter: plaza-before-post, plaza-post, the post at the top below pinned ones', async () => {
      const { feed, config } = await mount('populated');
      const seen: string[] = [];
      config.addEventListener('plaza-before-post', (event) => {
        expect(event).to.be.instanceOf(PlazaBeforePostEvent);
        seen.push(`before:${event.input.body}`);
      });
      config.addEventListener('plaza-post', (event) => {
        expect(event).to.be.instanceOf(PlazaPostEvent);
        seen.push(`post:${event.post.body.source}`);
      });
      const composer = composerOf(feed);
      textareaOf(composer).focus();
      await sendKeys({ type: 'Lunch at noon #canteen' });
      await sendKeys({ press: 'Control+Enter' });
      await waitUntil(() => seen.length === 2, 'no plaza-post');
      expect(seen).to.deep.equal(['before:Lunch at noon #canteen', 'post:Lunch at noon #canteen']);
      await waitUntil(() => postsOf(feed)[2]?.postId.startsWith('post-new-'), 'the new post is not third');
      expect(textareaOf(composer).value).to.equal('');
      expect(deepActive()).to.equal(textareaOf(composer), 'focus stays in the composer');
      await expect(feed).to.be.accessible();
    });

    it('a canceled plaza-before-post sends nothing and keeps the draft', async () => {
      const { feed, config, api } = await mount('populated');
      config.addEventListener('plaza-before-post', (event) => event.preventDefault());
      const composer = composerOf(feed);
      textareaOf(composer).focus();
      await sendKeys({ type: 'Not yet' });
      await click(buttonIn(composer.shadowRoot!, 'Post'));
      await composer.updateComplete;
      expect(api.requests.some((r) => r.method === 'POST' && r.path === '/v1/posts')).to.equal(false);
      expect(textareaOf(composer).value).to.equal('Not yet');
    });

    it('refuses an empty or over-long post in the composer, keeping the text', async () => {
      const { feed, api } = await mount('populated');
      const composer = composerOf(feed);
      await click(buttonIn(composer.shadowRoot!, 'Post'));
      await composer.updateComplete;
      expect(textOf(composer.shadowRoot!.querySelector('[role="alert"]'))).to.equal('Write something first.');
      const textarea = textareaOf(composer);
      // Zero-width characters survive trim(); a post of nothing visible is still empty.
      textarea.value = '\u200b\u200d';
      textarea.dispatchEvent(new Event('input'));
      await click(buttonIn(composer.shadowRoot!, 'Post'));
      await composer.updateComplete;
      expect(textOf(composer.shadowRoot!.querySelector('[role="alert"]'))).to.equal('Write something first.');
      const long = 'x'.repeat(5001);
      textarea.value = long;
      textarea.dispatchEvent(new Event('input'));
      await composer.updateComplete;
      expect(textOf(composer.shadowRoot!.querySelector('.count'))).to.equal('5,001 / 5,000');
      expect(textarea.getAttribute('aria-invalid')).to.equal('true');
      await click(buttonIn(composer.shadowRoot!, 'Post'));
      await composer.updateComplete;
      expect(textOf(composer.shadowRoot!.querySelector('[role="alert"]'))).to.contain('at most 5,000 characters');
      expect(textarea.value).to.equal(long);
      expect(api.requests.some((r) => r.method === 'POST' && r.path === '/v1/posts')).to.equal(false);
    });

    it('a failed post keeps the draft, Retry sends it once with the same Idempotency-Key', async () => {
      const { feed, api } = await mount('populated');
      api.options.overrides = { createPost: { status: 503, code: 'internal' } };
      const composer = composerOf(feed);
      textareaOf(composer).focus();
      await sendKeys({ type: 'Server room door is fixed' });
      await sendKeys({ press: 'Control+Enter' });
      await waitUntil(() => textOf(composer.shadowRoot!.querySelector('[role="alert"]')).includes('Your text is kept'));
      expect(textareaOf(composer).value).to.equal('Server room door is fixed');
      const retry = buttonIn(composer.shadowRoot!, 'Retry');
      delete api.options.overrides.createPost;
      await click(retry);
      await waitUntil(() => api.countPosts('Server room door is fixed') === 1, 'the retry did not post');
      await click(buttonIn(composer.shadowRoot!, 'Post')).catch(() => undefined);
      expect(api.countPosts('Server room door is fixed')).to.equal(1);
      expect(textareaOf(composer).value).to.equal('');
    });

    it('mentions a person with the keyboard (arrows, Enter) and Escape closes the list', async () => {
      const { feed } = await mount('populated');
      const composer = composerOf(feed);
      const textarea = textareaOf(composer);
      textarea.focus();
      await sendKeys({ type: 'Thanks @Jo' });
      const list = () => composer.shadowRoot!.querySelector<HTMLElement>('[role="listbox"]')!;
      await waitUntil(() => !list().hidden, 'no suggestions');
      expect(textarea.getAttribute('aria-activedescendant')).to.equal('suggestion-0');
      const options = [...list().querySelectorAll('[role="option"]')].map((o) => textOf(o.querySelector('.name')));
      expect(options).to.include('Jonas Becker');
      await expect(feed).to.be.accessible();
      const target = options.indexOf('Jonas Becker');
      for (let i = 0; i < target; i++) await sendKeys({ press: 'ArrowDown' });
      expect(list().querySelector('[aria-selected="true"]')!.id).to.equal(`suggestion-${target}`);
      await sendKeys({ press: 'Enter' });
      await composer.updateComplete;
      expect(textarea.value).to.equal('Thanks @[Jonas Becker](u-jonas) ');
      expect(list().hidden).to.equal(true);
      await sendKeys({ type: '@Pri' });
      await waitUntil(() => !list().hidden);
      await sendKeys({ press: 'Escape' });
      await composer.updateComplete;
      expect(list().hidden).to.equal(true);
      expect(textarea.value).to.equal('Thanks @[Jonas Becker](u-jonas) @Pri');
      await sendKeys({ press: 'Control+Enter' });
      await waitUntil(() => postsOf(feed).some((p) => p.postId.startsWith('post-new-')));
      const post = postsOf(feed).find((p) => p.postId.startsWith('post-new-'))!;
      await waitUntil(() => inPost(post, '.mention'));
      expect(textOf(inPost(post, '.mention'))).to.equal('@Jonas Becker');
    });

    it('a manager posts an urgent announcement that asks for acknowledgement', async () => {
      const { feed, api } = await mount('manager');
      const composer = composerOf(feed);
      const announce = [...composer.shadowRoot!.querySelectorAll('label')].find((l) =>
        textOf(l).includes('Post as announcement'),
      )!;
      await click(announce.querySelector('input')!);
      await composer.updateComplete;
      const urgent = [...composer.shadowRoot!.querySelectorAll('label')].find((l) => textOf(l) === 'Urgent')!;
      await click(urgent.querySelector('input')!);
      const ack = [...composer.shadowRoot!.querySelectorAll('label')].find(
        (l) => textOf(l) === 'Ask readers to confirm',
      )!;
      await click(ack.querySelector('input')!);
      textareaOf(composer).focus();
      await sendKeys({ type: 'Fire drill at 11:00' });
      await sendKeys({ press: 'Control+Enter' });
      await waitUntil(() => api.countPosts('Fire drill at 11:00') === 1);
      const sent = api.requests.find((r) => r.method === 'POST' && r.path === '/v1/posts')!.body as {
        announcement: unknown;
      };
      expect(sent.announcement).to.deep.equal({ pinned: true, urgent: true, ackRequired: true, expiresAt: null });
      await expect(feed).to.be.accessible();
    });

    it('attaches an image: upload, alt text required, then posted with it', async () => {
      const { feed, api } = await mount('populated');
      const composer = composerOf(feed);
      const input = composer.shadowRoot!.querySelector<HTMLInputElement>('input[type="file"]')!;
      const png = Uint8Array.from(
        atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGO4DwABAQEAGN1Y7QAAAABJRU5ErkJggg=='),
        (c) => c.charCodeAt(0),
      );
      const files = new DataTransfer();
      files.items.add(new File([png], 'board.png', { type: 'image/png' }));
      input.files = files.files;
      input.dispatchEvent(new Event('change'));
      await waitUntil(() => textOf(composer.shadowRoot!.querySelector('.image-status')) === 'Uploaded', 'no upload');
      expect(api.requests.some((r) => r.method === 'POST' && r.path === '/v1/files')).to.equal(true);
      textareaOf(composer).focus();
      await sendKeys({ type: 'New board' });
      await sendKeys({ press: 'Control+Enter' });
      await composer.updateComplete;
      const alt = composer.shadowRoot!.querySelector<HTMLInputElement>('input.alt')!;
      expect(textOf(composer.shadowRoot!.querySelector('[role="alert"]'))).to.equal(
        'Describe every image for people who cannot see it.',
      );
      await waitUntil(() => deepActive() === alt, 'focus is not on the alt text');
      expect(api.countPosts('New board')).to.equal(0);
      await expect(feed).to.be.accessible();
      await sendKeys({ type: 'The new shift board' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => api.countPosts('New board') === 1);
      const sent = api.requests.find((r) => r.method === 'POST' && r.path === '/v1/posts')!.body as {
        images: { fileId: string; alt: string }[];
      };
      expect(sent.images).to.deep.equal([{ fileId: sent.images[0]!.fileId, alt: 'The new shift board' }]);
    });

    it('the poll composer takes an invisible option for an empty one, and options that only look different for the same', async () => {
      const { feed, api } = await mount('populated');
      const { composer, pollComposer, inputs } = await openPollComposer(feed);
      const fill = async (input: HTMLInputElement, text: string) => {
        input.value = text;
        input.dispatchEvent(new Event('input'));
        await pollComposer.updateComplete;
      };
      await fill(inputs[0]!, 'Lunch?');
      await fill(inputs[1]!, 'Pizza');
      await fill(inputs[2]!, '\u200b');
      textareaOf(composer).value = 'Vote';
      textareaOf(composer).dispatchEvent(new Event('input'));
      await click(buttonIn(composer.shadowRoot!, 'Post'));
      await pollComposer.updateComplete;
      const alert = () => textOf(pollComposer.shadowRoot!.querySelector('[role="alert"]'));
      expect(alert()).to.equal('The poll needs at least two options.');
      await waitUntil(() => deepActive() === inputs[2], 'focus is not on the empty option');
      await fill(inputs[2]!, '\uff30\uff49\uff5a\uff5a\uff41'); // "Pizza" in full-width letters
      await click(buttonIn(composer.shadowRoot!, 'Post'));
      await pollComposer.updateComplete;
      expect(alert()).to.equal('Two options say the same.');
      expect(api.requests.some((r) => r.method === 'POST')).to.equal(false);
    });

    it('attaches a poll made in the poll composer', async () => {
      const { feed, api } = await mount('populated');
      const { composer, inputs } = await openPollComposer(feed);
      inputs[0]!.focus();
      await sendKeys({ type: 'Pizza or pasta?' });
      inputs[1]!.focus();
      await sendKeys({ type: 'Pizza' });
      inputs[2]!.focus();
      await sendKeys({ type: 'Pasta' });
      textareaOf(composer).focus();
      await sendKeys({ type: 'Friday lunch vote' });
      await expect(feed).to.be.accessible();
      await sendKeys({ press: 'Control+Enter' });
      await waitUntil(() => api.countPosts('Friday lunch vote') === 1);
      const sent = api.requests.find((r) => r.method === 'POST' && r.path === '/v1/posts')!.body as { pollId: string };
      expect(sent.pollId).to.match(/^poll-new-/);
      await waitUntil(() => postsOf(feed).some((p) => p.postId.startsWith('post-new-')));
      const post = postsOf(feed).find((p) => p.postId.startsWith('post-new-'))!;
      await waitUntil(() => inPost(post, 'plaza-poll'));
      const poll = inPost(post, 'plaza-poll')!;
      await waitUntil(() => textOf(poll.shadowRoot?.querySelector('.question')) === 'Pizza or pasta?');
    });
  });

  describe('reading and reacting', () => {
    it('reacts with a click: optimistic, highlighted, plaza-react; who reacted shows on hover and focus', async () => {
      const mounted = await mount('populated');
      const { feed, config } = mounted;
      const events: (string | null)[] = [];
      config.addEventListener('plaza-react', (event) => {
        expect(event).to.be.instanceOf(PlazaReactEvent);
        events.push(event.kind);
      });
      const post = postEl(feed, 'post-outage');
      const celebrate = buttonIn(inPost(post, '.reactions')!, /Celebrate/);
      expect(celebrate.getAttribute('aria-pressed')).to.equal('false');
      await click(celebrate);
      await waitUntil(() => events.length === 1);
      expect(events).to.deep.equal(['celebrate']);
      const pressed = buttonIn(inPost(post, '.reactions')!, /Celebrate/);
      expect(pressed.getAttribute('aria-pressed')).to.equal('true');
      expect(textOf(pressed)).to.contain('1');
      const tooltip = inPost(post, `#${pressed.getAttribute('aria-describedby')}`)!;
      expect(textOf(tooltip)).to.equal('Robin Fischer');
      expect(getComputedStyle(tooltip).display).to.equal('block', 'shown while hovered');
      // Keyboard focus shows it too.
      await sendMouse({ type: 'move', position: [0, 0] });
      buttonIn(inPost(post, '.reactions')!, /Like/).focus();
      await sendKeys({ press: 'Tab' });
      expect(deepActive()).to.equal(pressed);
      expect(getComputedStyle(tooltip).display).to.equal('block', 'shown on focus');
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => events.length === 2);
      expect(events[1]).to.equal(null);
      expect(storedPost(mounted, 'post-outage')!.reactions.find((r) => r.kind === 'celebrate')!.count).to.equal(0);
    });

    it('a refused reaction rolls back and says why', async () => {
      const { feed, api } = await mount('populated');
      api.options.overrides = { react: { status: 403, code: 'forbidden' } };
      const post = postEl(feed, 'post-welcome');
      await click(buttonIn(inPost(post, '.reactions')!, /Like/));
      await waitUntil(() => textOf(inPost(post, '.error')) === 'You are not allowed to do that.');
      expect(buttonIn(inPost(post, '.reactions')!, /Like/).getAttribute('aria-pressed')).to.equal('false');
    });

    it('acknowledges an urgent announcement: plaza-acknowledge, and the confirmation takes focus', async () => {
      const { feed, config } = await mount('populated');
      let acknowledged = '';
      config.addEventListener('plaza-acknowledge', (event) => {
        expect(event).to.be.instanceOf(PlazaAcknowledgeEvent);
        acknowledged = event.postId;
      });
      const post = postEl(feed, 'post-outage');
      await click(buttonIn(post.shadowRoot!, 'I have read this'));
      await waitUntil(() => acknowledged === 'post-outage');
      await waitUntil(() => inPost(post, '.acknowledged'));
      expect(textOf(inPost(post, '.acknowledged'))).to.equal('You confirmed you have read this');
      await waitUntil(() => deepActive() === inPost(post, '.acknowledged'));
      await expect(feed).to.be.accessible();
    });

    it('comments: shows the newest, "show more", writes a comment and a reply', async () => {
      const { feed, config } = await mount('populated');
      const comments: string[] = [];
      config.addEventListener('plaza-comment', (event) => {
        expect(event).to.be.instanceOf(PlazaCommentEvent);
        comments.push(event.comment.body.source);
      });
      const post = postEl(feed, 'post-canteen');
      post.commentPageSize = 1;
      const toggle = inPost<HTMLButtonElement>(post, '.comments-toggle')!;
      expect(textOf(toggle)).to.equal('3 comments');
      await click(toggle);
      await waitUntil(() => inPost(post, '.comment-list'));
      expect(toggle.getAttribute('aria-expanded')).to.equal('true');
      expect(textOf(inPost(post, '.comment-list'))).to.contain('Will there be vegan options too?');
      expect(textOf(inPost(post, '.comment-list'))).to.contain('Yes, every Wednesday.');
      await click(buttonIn(post.shadowRoot!, 'Show 1 more comment'));
      await waitUntil(() => textOf(inPost(post, '.comment-list')).includes('Finally!'));
      await expect(feed).to.be.accessible();

      const composer = inPost<PlazaComposer>(post, '.comments > plaza-composer')!;
      textareaOf(composer).focus();
      await sendKeys({ type: 'Count me in' });
      await sendKeys({ press: 'Control+Enter' });
      await waitUntil(() => comments.length === 1);
      await waitUntil(() => textOf(inPost(post, '.comment-list')).includes('Count me in'));
      expect(textOf(inPost(post, '.comments-toggle'))).to.equal('4 comments');

      await click(buttonIn(post.shadowRoot!, 'Reply'));
      const reply = await waitUntil(() => inPost<PlazaComposer>(post, '.reply-composer'));
      void reply;
      const replyComposer = inPost<PlazaComposer>(post, '.reply-composer')!;
      await waitUntil(() => deepActive() === textareaOf(replyComposer), 'the reply field has focus');
      await sendKeys({ type: 'Me too' });
      await sendKeys({ press: 'Control+Enter' });
      await waitUntil(() => comments.length === 2);
      await waitUntil(() => textOf(inPost(post, '.replies')).includes('Me too'));
    });

    it('keeps drafts: collapsing the comments keeps them, and one Escape over a reply only asks', async () => {
      const { feed } = await mount('populated');
      const post = postEl(feed, 'post-canteen');
      await click(inPost(post, '.comments-toggle')!);
      await waitUntil(() => inPost(post, '.comment-list'));
      textareaOf(inPost<PlazaComposer>(post, '.comments > plaza-composer')!).focus();
      await sendKeys({ type: 'Half a comment' });
      await click(buttonIn(post.shadowRoot!, 'Reply'));
      const reply = await waitUntil(() => inPost<PlazaComposer>(post, '.reply-composer'));
      void reply;
      await waitUntil(() => deepActive() === textareaOf(inPost<PlazaComposer>(post, '.reply-composer')!));
      await sendKeys({ type: 'Half a reply' });

      await click(inPost(post, '.comments-toggle')!);
      await post.updateComplete;
      expect(inPost(post, '.comments')!.hidden).to.equal(true);
      await click(inPost(post, '.comments-toggle')!);
      await post.updateComplete;
      expect(textareaOf(inPost<PlazaComposer>(post, '.comments > plaza-composer')!).value).to.equal('Half a comment');
      const replyComposer = inPost<PlazaComposer>(post, '.reply-composer')!;
      expect(textareaOf(replyComposer).value).to.equal('Half a reply');

      textareaOf(replyComposer).focus();
      await sendKeys({ press: 'Escape' });
      await replyComposer.updateComplete;
      expect(inPost(post, '.reply-composer')).to.equal(replyComposer);
      expect(textOf(replyComposer.shadowRoot!.querySelector('.notice[role="status"]'))).to.equal(
        'You have unsaved changes: press Escape again to discard them.',
      );
      await expect(feed).to.be.accessible();
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !inPost(post, '.reply-composer'), 'the second Escape did not discard the reply');
      expect(deepActive()?.getAttribute('data-reply')).to.be.a('string');
      // Nothing typed: one Escape closes.
      await click(buttonIn(post.shadowRoot!, 'Reply'));
      await waitUntil(() => deepActive() === textareaOf(inPost<PlazaComposer>(post, '.reply-composer')!));
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !inPost(post, '.reply-composer'), 'an unchanged reply did not close');
    });

    it('a comment edit that fails says why beside its field, keeps the text, and Escape asks before discarding', async () => {
      const { feed, api } = await mount('populated');
      const post = postEl(feed, 'post-canteen');
      await click(inPost(post, '.comments-toggle')!);
      await waitUntil(() => inPost(post, '.comment-list'));
      textareaOf(inPost<PlazaComposer>(post, '.comments > plaza-composer')!).focus();
      await sendKeys({ type: 'Mine to edit' });
      await sendKeys({ press: 'Control+Enter' });
      await waitUntil(() => textOf(inPost(post, '.comment-list')).includes('Mine to edit'));
      api.options.overrides = { editComment: { status: 409, code: 'conflict' } };
      const mine = [...post.shadowRoot!.querySelectorAll('.comment')].find((c) => textOf(c).includes('Mine to edit'))!;
      await click(buttonIn(mine, 'Edit'));
      const field = await waitUntil(() => mine.querySelector<HTMLTextAreaElement>('textarea'));
      void field;
      const textarea = mine.querySelector<HTMLTextAreaElement>('textarea')!;
      await waitUntil(() => deepActive() === textarea);
      await sendKeys({ press: 'End' });
      await sendKeys({ type: ', edited' });
      await click(buttonIn(mine, 'Save'));
      const error = mine.querySelector('.comment-edit .error')!;
      await waitUntil(() => textOf(error) !== '', 'no error beside the field');
      expect(textarea.getAttribute('aria-invalid')).to.equal('true');
      expect(textarea.getAttribute('aria-describedby')).to.equal(error.id);
      expect(textarea.value).to.equal('Mine to edit, edited');
      expect(textOf(inPost(post, 'article > .error[role="alert"]'))).to.equal('');
      await waitUntil(() => deepActive() === textarea, 'focus did not return to the field');
      await expect(feed).to.be.accessible();

      await sendKeys({ press: 'Escape' });
      await post.updateComplete;
      expect(mine.querySelector('textarea')).to.equal(textarea);
      expect(textOf(mine.querySelector('.comment-edit .notice'))).to.equal(
        'You have unsaved changes: press Escape again to discard them.',
      );
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !mine.querySelector('textarea'), 'the second Escape did not close the edit');
    });

    it('edits and deletes an own post with confirmation; focus moves on', async () => {
      const mounted = await mount('populated');
      const { feed } = mounted;
      const post = postEl(feed, 'post-mine');
      await click(inPost(post, '.actions-menu summary')!);
      await click(buttonIn(inPost(post, '.menu')!, 'Edit'));
      const editor = await waitUntil(() => inPost<PlazaComposer>(post, 'plaza-composer[mode="edit"]'));
      void editor;
      const composer = inPost<PlazaComposer>(post, 'plaza-composer[mode="edit"]')!;
      await composer.updateComplete;
      const textarea = textareaOf(composer);
      expect(textarea.value).to.contain('triage protocol v3');
      textarea.value = 'Triage protocol v3 is **final**.';
      textarea.dispatchEvent(new Event('input'));
      await click(buttonIn(composer.shadowRoot!, 'Save'));
      await waitUntil(() => !inPost(post, 'plaza-composer[mode="edit"]'), 'the editor did not close');
      await waitUntil(() => textOf(inPost(post, '.body')) === 'Triage protocol v3 is final.');
      expect(textOf(inPost(post, '.meta'))).to.contain('edited');

      await click(inPost(post, '.actions-menu summary')!);
      await click(buttonIn(inPost(post, '.menu')!, 'Delete'));
      await post.updateComplete;
      expect(deepActive()).to.equal(buttonIn(inPost(post, '.confirm')!, 'Cancel'));
      await expect(feed).to.be.accessible();
      await click(buttonIn(inPost(post, '.confirm')!, 'Yes, delete'));
      await waitUntil(() => !postsOf(feed).some((p) => p.postId === 'post-mine'), 'the post is still listed');
      await waitUntil(() => (deepActive() as HTMLElement | null)?.classList.contains('title-line'));
      const focusedPost = (deepActive()!.getRootNode() as ShadowRoot).host as PlazaPost;
      expect(focusedPost.postId).to.equal('post-poll');
    });

    it('reports a post with a reason', async () => {
      const { feed, api } = await mount('populated');
      const post = postEl(feed, 'post-canteen');
      await click(inPost(post, '.actions-menu summary')!);
      await click(buttonIn(inPost(post, '.menu')!, 'Report'));
      await post.updateComplete;
      const select = inPost<HTMLSelectElement>(post, '.report select')!;
      expect(deepActive()).to.equal(select);
      select.value = 'misinformation';
      select.dispatchEvent(new Event('change'));
      await expect(feed).to.be.accessible();
      await click(buttonIn(inPost(post, '.report')!, 'Send report'));
      await waitUntil(() => !inPost(post, '.report'));
      const sent = api.requests.find((r) => r.path === '/v1/posts/post-canteen/reports')!;
      expect(sent.body).to.deep.equal({ reason: 'misinformation' });
      expect(textOf(inPost(post, '[role="status"]'))).to.equal('Thank you. The moderators will look at it.');
    });

    it('opens images in an accessible viewer and returns focus', async () => {
      const { feed } = await mount('populated');
      const post = postEl(feed, 'post-mine');
      const thumb = inPost<HTMLButtonElement>(post, '.thumb')!;
      expect(thumb.getAttribute('aria-label')).to.equal('Open image 1 of 2: The new triage board in the ward');
      await click(thumb);
      const dialog = inPost<HTMLDialogElement>(post, 'dialog')!;
      await waitUntil(() => dialog.open);
      await expect(feed).to.be.accessible();
      expect(dialog.querySelector('img')!.alt).to.equal('The new triage board in the ward');
      await sendKeys({ press: 'ArrowRight' });
      await post.updateComplete;
      expect(dialog.querySelector('img')!.alt).to.equal('The night shift team');
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !dialog.open);
      expect(deepActive()).to.equal(thumb);
    });

    it('pages with Load more', async () => {
      const { feed } = await mount('paged');
      expect(postsOf(feed).length).to.equal(5);
      await click(buttonIn(root(feed), 'Load more'));
      await waitUntil(() => postsOf(feed).length === 10);
      expect(textOf(root(feed).querySelector('[role="status"]'))).to.equal('5 more posts loaded');
      await expect(feed).to.be.accessible();
    });

    it('infinite-scroll loads the next page when the end scrolls into view', async () => {
      const scenario = { ...feedScenarios.paged, attributes: { 'page-size': '5', 'infinite-scroll': '' } };
      const { feed } = await mount(scenario);
      root(feed).querySelector('.sentinel')!.scrollIntoView();
      await waitUntil(() => postsOf(feed).length >= 10, 'no automatic page');
    });

    it('a topic filters the feed, and the filter can be cleared', async () => {
      const { feed } = await mount('populated');
      const topic = inPost<HTMLButtonElement>(postEl(feed, 'post-canteen'), 'button.topic')!;
      await click(topic);
      await waitUntil(() => postsOf(feed).length === 1 && postsRendered(feed));
      expect(textOf(root(feed).querySelector('.filter'))).to.contain('Posts about #canteen');
      await click(buttonIn(root(feed), 'Show all posts'));
      await waitUntil(() => postsOf(feed).length === 5);
    });
  });

  describe('realtime and moderation', () => {
    it('a post by someone else shows a "1 new post" banner (announced), not inserted until asked', async () => {
      const { feed, api } = await mount('populated');
      await waitUntil(() => api.polls.openStreams > 0, 'no event stream');
      // A second client on the same API posts, as another person on another page.
      const other = await mount('populated', { api, viewer: { ...viewer, id: 'u-jonas', name: 'Jonas Becker' } });
      const otherComposer = composerOf(other.feed);
      textareaOf(otherComposer).focus();
      await sendKeys({ type: 'Hello from another page' });
      await sendKeys({ press: 'Control+Enter' });
      await waitUntil(() => root(feed).querySelector('.banner'), 'no banner');
      expect(textOf(root(feed).querySelector('.banner'))).to.equal('↑ 1 new post');
      expect(textOf(root(feed).querySelector('[role="status"]'))).to.equal('1 new post');
      expect(postsOf(feed).some((p) => p.postId.startsWith('post-new-'))).to.equal(false, 'not inserted yet');
      await expect(feed).to.be.accessible();
      await click(root(feed).querySelector('.banner')!);
      await waitUntil(() => postsOf(feed).some((p) => p.postId.startsWith('post-new-')));
      expect(root(feed).querySelector('.banner')).to.equal(null);
    });

    it('reactions, comments and edits by others update in place', async () => {
      const mounted = await mount('populated');
      const { feed, api } = mounted;
      await waitUntil(() => api.polls.openStreams > 0);
      const other = mountFeed(feedScenarios.populated, { api, viewer: manager });
      await postsApi(other.client).posts.react('post-canteen', 'insightful');
      const post = postEl(feed, 'post-canteen');
      await waitUntil(
        () => textOf(buttonIn(inPost(post, '.reactions')!, /Insightful/)).includes('1'),
        'no live reaction',
      );
      await postsApi(other.client).posts.comment('post-canteen', { body: 'Live comment' });
      await waitUntil(() => textOf(inPost(post, '.comments-toggle')) === '4 comments', 'no live comment count');
      // The author edits in another tab.
      const tab = mountFeed(feedScenarios.populated, { api, viewer });
      await postsApi(tab.client).posts.edit('post-mine', { body: 'Edited in another tab' });
      await waitUntil(() => textOf(inPost(postEl(feed, 'post-mine'), '.body')) === 'Edited in another tab');
    });

    it('a manager sees reported posts and hides one; it vanishes live for others', async () => {
      const managerView = await mount('manager');
      const { feed, api } = managerView;
      const member = await mount('populated', { api, viewer });
      await waitUntil(() => api.polls.openStreams > 1);
      await click(buttonIn(root(feed), 'Reported posts'));
      await waitUntil(() => root(feed).querySelector('.reports'));
      expect(textOf(root(feed).querySelector('.reports'))).to.contain('Off topic — “Not about work”');
      await expect(feed).to.be.accessible();
      await click(buttonIn(root(feed).querySelector('.reports')!, 'Hide post'));
      await waitUntil(() => findButton(root(feed).querySelector('.reports')!, 'Restore post'), 'not hidden');
      expect(inPost(postEl(feed, 'post-canteen'), '.hidden-flag')).to.not.equal(null);
      await waitUntil(
        () => !postsOf(member.feed).some((p) => p.postId === 'post-canteen'),
        'the hidden post did not vanish for the member',
      );
    });
  });

  describe('keyboard only', () => {
    it('writes a post, reacts and opens comments with the keyboard alone', async () => {
      const { feed, api } = await mount('populated');
      const composer = composerOf(feed);
      textareaOf(composer).focus();
      await sendKeys({ type: 'Keyboard post' });
      // Tab through the composer to the Post button.
      let guard = 0;
      while (textOf(deepActive()) !== 'Post' && guard++ < 10) await sendKeys({ press: 'Tab' });
      expect(textOf(deepActive())).to.equal('Post');
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => api.countPosts('Keyboard post') === 1);
      // Tab on to the first post's reactions and toggle one with Space.
      guard = 0;
      while (!(deepActive() as HTMLElement | null)?.classList?.contains('reaction') && guard++ < 40) {
        await sendKeys({ press: 'Tab' });
      }
      const reaction = deepActive() as HTMLButtonElement;
      expect(reaction.classList.contains('reaction')).to.equal(true);
      await sendKeys({ press: 'Space' });
      await waitUntil(() => reaction.isConnected && reaction.getAttribute('aria-pressed') === 'true');
      guard = 0;
      while (!(deepActive() as HTMLElement | null)?.classList?.contains('comments-toggle') && guard++ < 10) {
        await sendKeys({ press: 'Tab' });
      }
      await sendKeys({ press: 'Enter' });
      await waitUntil(
        () => (deepActive() as HTMLElement | null)?.localName === 'textarea',
        'the comment field has no focus',
      );
    });
  });

  describe('tag prefix', () => {
    it('under definePlaza({ prefix }) the feed renders its posts and composer with the same prefix', async () => {
      definePlaza({ prefix: 'intra' });
      const mounted = mountFeed(feedScenarios.populated);
      const config = document.createElement('intra-config') as typeof mounted.config;
      config.client = mounted.client;
      const feed = document.createElement('intra-feed') as PlazaFeed;
      feed.setAttribute('compose', '');
      config.append(feed);
      await fixture(html`<div>${config}</div>`);
      await waitUntil(() => feed.shadowRoot?.querySelectorAll('intra-post').length === 5, 'no intra-post elements');
      expect(feed.shadowRoot!.querySelector('intra-composer')).to.not.equal(null);
      expect(feed.shadowRoot!.querySelector('plaza-post')).to.equal(null);
      const withPoll = [...feed.shadowRoot!.querySelectorAll<PlazaPost>('intra-post')].find(
        (p) => p.postId === 'post-poll',
      )!;
      await waitUntil(() => withPoll.shadowRoot?.querySelector('intra-poll'), 'the attached poll is not an intra-poll');
    });
  });

  describe('hostile content', () => {
    it(`renders a corpus of ${XSS_VECTORS.length} XSS vectors in posts, comments, names, titles, topics inertly`, async () => {
      const win = window as unknown as { __xss: number };
      win.__xss = 0;
      expect(XSS_VECTORS.length).to.be.at.least(50);
      const posts = XSS_VECTORS.map((vector, i) => ({
        id: `post-xss-${i}`,
        author: { id: `u-xss-${i}`, name: vector, avatarUrl: null, title: vector },
        body: vector,
        nodes: [
          {
            type: 'paragraph' as const,
            children: [
              { type: 'text' as const, text: vector },
              { type: 'topic' as const, tag: vector.slice(0, 100) },
              { type: 'mention' as const, userId: 'u-x', name: vector.slice(0, 200) },
            ],
          },
        ],
        comments: [
          {
            id: `cmt-xss-${i}`,
            author: { id: 'u-c', name: vector, avatarUrl: null, title: null },
            body: vector,
            nodes: [{ type: 'paragraph' as const, children: [{ type: 'text' as const, text: vector }] }],
          },
        ],
        images: [{ fileId: `file-${i}`, url: '/v1/files/x', alt: vector, width: 10, height: 10 }],
      }));
      const scenario: FeedScenario = {
        title: 'xss',
        description: '',
        attributes: { 'page-size': '50', 'mention-url': '/people/{id}' },
        api: () => ({ posts, viewer, people }),
      };
      const { feed } = await mount(scenario);
      // Pages of 50: load more until every vector's post is there.
      while (postsOf(feed).length < XSS_VECTORS.length) {
        const shown = postsOf(feed).length;
        buttonIn(root(feed), 'Load more').click();
        await waitUntil(() => postsOf(feed).length > shown && postsRendered(feed), 'the next page did not render', {
          timeout: 5000,
        });
      }
      expect(postsOf(feed)).to.have.length(XSS_VECTORS.length);
      // Programmatic clicks: this test is about what renders, not about pointing (covered above).
      for (const post of postsOf(feed)) inPost<HTMLButtonElement>(post, '.comments-toggle')!.click();
      await waitUntil(() => postsOf(feed).every((post) => inPost(post, '.comment-list')), 'comments did not open');
      for (const [i, post] of postsOf(feed).entries()) {
        const shadow = post.shadowRoot!;
        expect(
          shadow.querySelector(
            'script, iframe, object, embed, svg:not(.icon), math, form, template, base, meta, link[rel]',
          ),
        ).to.equal(null);
        // The only SVG is the widget's own icons, no user text in them.
        for (const icon of shadow.querySelectorAll('svg')) expect(icon.textContent!.trim()).to.equal('');
        for (const element of shadow.querySelectorAll('*')) {
          for (const attribute of element.attributes) expect(attribute.name.startsWith('on')).to.equal(false);
        }
        expect(textOf(shadow.querySelector('.name'))).to.equal(textOf({ textContent: XSS_VECTORS[i] } as Element));
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(win.__xss).to.equal(0);
    });
  });
});
