// Every user-text field of the poll, the group card and the ask box through a corpus of more than 100 XSS
// vectors (the feed has its own run of the same corpus in feed.test.ts): rendered through the real SDK from a
// fake API, nothing runs, no element gets an event-handler attribute, and no link or image points at a
// script URL. Text that looks like HTML shows as text.
import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createClient } from '@plaza/sdk';
import { BASE_URL, createMockApi, viewer, type GroupSeed, type PollSeed } from '../../../stories/fixtures/mock-api.ts';
import { createQuestionsApi, type ExpertSeed, type QuestionSeed } from '../../../stories/fixtures/questions-api.ts';
import { XSS_VECTORS } from '../../../stories/fixtures/xss.ts';
import './define.ts';

type XssWindow = Window & { __xss: number };

/** Cover URLs a hostile or broken backend might send (null: the placeholder). */
const HOSTILE_URLS = [
  'javascript:window.__xss++',
  'JaVaScRiPt:window.__xss++',
  'data:text/html,<script>window.__xss++</script>',
  'vbscript:msgbox(1)',
  null,
];

const person = (index: number, name: string) => ({ id: `u-x${index}`, name, avatarUrl: null, title: name });

/** Every element below `root`, through shadow roots. */
function* deepElements(root: ParentNode): Generator<Element> {
  for (const element of root.querySelectorAll('*')) {
    yield element;
    if (element.shadowRoot) yield* deepElements(element.shadowRoot);
  }
}

/** What a successful injection would leave behind, anywhere in the rendered widgets. */
function injected(root: ParentNode): string[] {
  const found: string[] = [];
  for (const element of deepElements(root)) {
    for (const attribute of element.getAttributeNames()) {
      if (/^on/i.test(attribute)) found.push(`<${element.localName} ${attribute}>`);
    }
    for (const attribute of ['href', 'src', 'action', 'formaction', 'xlink:href', 'data']) {
      const value = element.getAttribute(attribute);
      if (value && /^\s*(javascript|vbscript|data:text\/html)/i.test(value)) {
        found.push(`<${element.localName} ${attribute}="${value}">`);
      }
    }
    if (['script', 'iframe', 'object', 'embed', 'base', 'meta'].includes(element.localName)) {
      found.push(`<${element.localName}>`);
    }
  }
  return found;
}

const texts = (root: ParentNode) =>
  [...deepElements(root)].map((element) => element.shadowRoot?.textContent ?? '').join(' ');

describe(`XSS corpus (${XSS_VECTORS.length} vectors) through every text field of poll, group card and ask box`, () => {
  it('has more than 100 vectors', () => {
    expect(XSS_VECTORS.length).to.be.above(100);
  });

  it('renders every vector inertly in polls and group cards', async () => {
    (window as unknown as XssWindow).__xss = 0;
    const polls: PollSeed[] = XSS_VECTORS.map((vector, index) => ({
      id: `poll-x${index}`,
      question: vector,
      options: [
        { id: `x${index}-a`, label: vector },
        { id: `x${index}-b`, label: `${vector} (2)` },
      ],
      createdBy: person(index, vector),
      ballots: { [`u-${index}`]: [`x${index}-a`] },
    }));
    const groups: GroupSeed[] = XSS_VECTORS.map((vector, index) => ({
      id: `grp-x${index}`,
      name: vector,
      description: vector,
      coverUrl: HOSTILE_URLS[index % HOSTILE_URLS.length] ?? null,
      coverAlt: vector,
      admins: [person(index, vector)],
      members: [person(1000 + index, vector)],
    }));
    const api = createMockApi({ polls, groups, viewer });
    const client = createClient({ baseUrl: BASE_URL, fetch: api.fetch, retry: { retries: 0 } });
    const page = await fixture<HTMLElement>(
      html`<plaza-config .client=${client}>
        ${polls.map((poll) => html`<plaza-poll poll-id=${poll.id}></plaza-poll>`)}
        ${groups.map((group) => html`<plaza-group-card group-id=${group.id}></plaza-group-card>`)}
      </plaza-config>`,
    );
    const last = page.querySelector(`plaza-group-card[group-id="grp-x${XSS_VECTORS.length - 1}"]`)!;
    await waitUntil(() => (last.shadowRoot?.textContent ?? '').includes('member'), 'the cards did not load', {
      timeout: 10_000,
    });
    await aTimeout(300);
    expect((window as unknown as XssWindow).__xss).to.equal(0);
    expect(injected(page)).to.deep.equal([]);
    expect(texts(page)).to.include('<script>window.__xss++</script>', 'hostile text shows as text');
  });

  it('renders every vector inertly in the ask box (titles, bodies, tags, names, skills)', async function () {
    // 108 questions opened at once, each with its answers: several seconds of rendering on a busy machine.
    this.timeout(30_000);
    (window as unknown as XssWindow).__xss = 0;
    const questions: QuestionSeed[] = XSS_VECTORS.map((vector, index) => ({
      id: `q-x${index}`,
      title: vector.slice(0, 200) || 'x',
      body: vector,
      topic: 'it-help',
      tags: [vector.slice(0, 40)],
      author: person(index, vector),
      askedHoursAgo: index,
      answers: [{ id: `a-x${index}`, author: person(2000 + index, vector), body: vector }],
    }));
    const experts: ExpertSeed[] = XSS_VECTORS.slice(0, 20).map((vector, index) => ({
      user: person(3000 + index, vector),
      topic: 'it-help',
      skills: [vector],
    }));
    const api = createQuestionsApi({ questions, experts, viewer, pageSize: XSS_VECTORS.length });
    const client = createClient({ baseUrl: BASE_URL, fetch: api.fetch, retry: { retries: 0 } });
    const page = await fixture<HTMLElement>(
      html`<plaza-config .client=${client}><plaza-ask-expert topic="it-help"></plaza-ask-expert></plaza-config>`,
    );
    const box = page.querySelector('plaza-ask-expert')!;
    await waitUntil(() => box.shadowRoot?.querySelectorAll('button[aria-expanded]').length, 'questions did not load', {
      timeout: 10_000,
    });
    // Open every question, so the bodies and answers render too.
    for (const toggle of box.shadowRoot!.querySelectorAll<HTMLButtonElement>('button[aria-expanded="false"]')) {
      toggle.click();
    }
    await aTimeout(800);
    expect((window as unknown as XssWindow).__xss).to.equal(0);
    expect(injected(page)).to.deep.equal([]);
  });
});
