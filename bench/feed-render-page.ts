// Bundled by bench/feed-render.mjs into the page it opens in headless Chromium: the real widgets and SDK
// against the stories' fake API (no network), with `window.renderFeed(n)` to time.
import '@plaza/widgets/define';
import { createClient } from '@plaza/sdk';
import type { ReactionKind } from '@plaza/contract';
import { createFeedApi, type PostSeed } from '../stories/fixtures/feed-api.ts';
import { BASE_URL, person, viewer } from '../stories/fixtures/mock-api.ts';
import { postsApi } from '@plaza/sdk/posts';

/** Every node in the document, shadow roots included. */
function countNodes(root: Node): number {
  let count = 0;
  const walk = (node: Node) => {
    count++;
    if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
    for (let child = node.firstChild; child; child = child.nextSibling) walk(child);
  };
  walk(root);
  return count;
}

const KINDS: ReactionKind[] = ['like', 'celebrate', 'insightful', 'support'];

const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));

function posts(n: number): PostSeed[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `post-${i}`,
    author: person(i % 40),
    minutesAgo: 1 + i * 7,
    body: `Update ${i + 1}: the **${['ward', 'lab', 'front desk', 'workshop'][i % 4]}** team shares news with @[Alex Morgan](u-0). #team${i % 5}`,
    reactions: Object.fromEntries(
      Array.from({ length: i % 6 }, (_, r): [string, ReactionKind] => [`u-${r}`, KINDS[r % KINDS.length]!]),
    ),
    comments: i % 3 === 0 ? [{ id: `c-${i}`, author: person(i % 7), body: 'Nice!' }] : [],
  }));
}

async function renderFeed(n: number) {
  document.body.replaceChildren();
  const api = createFeedApi({ posts: posts(n), viewer, people: [] });
  const client = createClient({ baseUrl: BASE_URL, fetch: api.fetch, retry: { retries: 0 }, realtime: false });
  const config = document.createElement('plaza-config');
  config.client = client;
  const feed = document.createElement('plaza-feed');
  feed.setAttribute('page-size', String(n));
  config.append(feed);
  const start = performance.now();
  document.body.append(config);
  let items: NodeListOf<HTMLElement & { updateComplete: Promise<unknown> }> | undefined;
  for (;;) {
    items = feed.shadowRoot?.querySelectorAll('plaza-post');
    if (items && items.length === n) break;
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all([...items].map((item) => item.updateComplete));
  await frame();
  const renderMs = performance.now() - start;
  const nodes = countNodes(document);

  // One reaction on one post while n are shown: only that post re-renders.
  const target = items[Math.floor(n / 2)]!;
  const updateStart = performance.now();
  await postsApi(client).posts.react(`post-${Math.floor(n / 2)}`, 'celebrate');
  await target.updateComplete;
  await frame();
  const updateMs = performance.now() - updateStart;
  return { n, renderMs, nodes, updateMs };
}

(window as unknown as { renderFeed: typeof renderFeed }).renderFeed = renderFeed;
