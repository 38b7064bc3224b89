// @plaza/react in real Chromium with React 19's createRoot, against the stories' mock API (the same fixtures
// as packages/widgets/src/poll/poll.test.ts): props reach the elements, `onPlaza…` props receive the typed
// events of real user actions, prop changes re-render, and unmounting disconnects cleanly.
import { expect, waitUntil } from '@open-wc/testing';
import { resetMouse, sendMouse } from '@web/test-runner-commands';
import { useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { createClient, type PlazaClient } from '@plaza/sdk';
import { PlazaGroupCard as PlazaGroupCardElement, PlazaPoll as PlazaPollElement } from '@plaza/widgets';
import { BASE_URL, createMockApi, type MockApi } from '../../../stories/fixtures/mock-api.ts';
import { pollScenarios } from '../../../stories/fixtures/polls.ts';
import {
  PlazaAskExpert,
  PlazaBeforeVoteEvent,
  PlazaConfig,
  PlazaFeed,
  PlazaGroupCard,
  PlazaJoinEvent,
  PlazaPoll,
  PlazaVoteEvent,
  type PlazaPollProps,
} from './index.ts';

// ——— helpers ———

const textOf = (element: Element | null | undefined) => (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
const pollText = (poll: Element) => textOf(poll.shadowRoot?.querySelector('.base'));
const isLoaded = (poll: Element) =>
  !!poll.shadowRoot?.querySelector('.base') && !poll.shadowRoot.querySelector('.skeleton');

/** A real click at the element's centre (Playwright moves the mouse and presses it). */
async function click(element: Element) {
  element.scrollIntoView({ block: 'center' });
  const box = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
}

function optionLabel(poll: Element, label: string): HTMLElement {
  const found = [...poll.shadowRoot!.querySelectorAll<HTMLElement>('label.option')].find((l) => textOf(l) === label);
  if (!found) throw new Error(`no option "${label}" in: ${pollText(poll)}`);
  return found;
}
function button(poll: Element, label: string): HTMLButtonElement {
  const found = [...poll.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].find((b) => textOf(b) === label);
  if (!found) throw new Error(`no button "${label}" in: ${pollText(poll)}`);
  return found;
}

/** The mock API with the town hall and the training poll, and a real SDK client on it. */
function fakeNetwork(): { api: MockApi; client: PlazaClient } {
  const townHall = pollScenarios.open.api();
  const training = pollScenarios.multiple.api();
  const api = createMockApi({ ...townHall, polls: [...townHall.polls, ...training.polls] });
  return { api, client: createClient({ baseUrl: BASE_URL, fetch: api.fetch, retry: { retries: 0 } }) };
}

let container: HTMLElement;
let root: Root;
let mounted = false;

/** Renders as an app does, committed before it returns (no `act`: the browser is real, not a test double). */
function render(node: ReactNode) {
  flushSync(() => root.render(node));
}
function unmount() {
  flushSync(() => root.unmount());
  mounted = false;
}

beforeEach(() => {
  container = document.createElement('div');
  container.style.maxWidth = '36rem';
  document.body.append(container);
  root = createRoot(container);
  mounted = true;
});

afterEach(async () => {
  await resetMouse();
  if (mounted) unmount();
  container.remove();
});

const pollIn = (scope: Element) => scope.querySelector('plaza-poll')!;

// ——— the tests ———

describe('@plaza/react <PlazaPoll>', () => {
  it('passes props to the element: pollId renders the question; className, id and ref reach it', async () => {
    const { client } = fakeNetwork();
    let element: PlazaPollElement | null = null;
    render(
      <PlazaConfig client={client} locale="en">
        <PlazaPoll pollId="poll-townhall" className="town-hall" id="poll" ref={(node) => void (element = node)} />
      </PlazaConfig>,
    );
    const poll = pollIn(container);
    expect(poll).to.be.instanceOf(PlazaPollElement);
    expect(element).to.equal(poll);
    expect(poll.pollId).to.equal('poll-townhall');
    await poll.updateComplete;
    expect(poll.getAttribute('poll-id')).to.equal('poll-townhall');
    expect(poll.className).to.equal('town-hall');
    expect(poll.id).to.equal('poll');
    expect(container.querySelector('plaza-config')!.client).to.equal(client);
    await waitUntil(() => isLoaded(poll), 'the poll did not load');
    expect(pollText(poll)).to.include('Which day suits the quarterly town hall');
  });

  it('calls onPlazaVote with the typed PlazaVoteEvent when the user votes, and React state shows it', async () => {
    const { api, client } = fakeNetwork();
    const received: PlazaVoteEvent[] = [];
    function App() {
      const [vote, setVote] = useState('not yet');
      return (
        <PlazaConfig client={client}>
          <PlazaPoll
            pollId="poll-townhall"
            onPlazaVote={(event) => {
              received.push(event);
              // Typed: `optionIds` is a string[] without a cast.
              setVote(event.optionIds.join(','));
            }}
          />
          <output>Your vote: {vote}</output>
        </PlazaConfig>
      );
    }
    render(<App />);
    const poll = pollIn(container);
    await waitUntil(() => isLoaded(poll), 'the poll did not load');
    await click(optionLabel(poll, 'Wednesday, 14:00'));
    await click(button(poll, 'Vote'));
    await waitUntil(() => received.length === 1, 'onPlazaVote was not called');
    const [event] = received;
    expect(event).to.be.instanceOf(PlazaVoteEvent);
    expect(event!.pollId).to.equal('poll-townhall');
    expect(event!.optionIds).to.deep.equal(['wed']);
    expect(event!.target).to.equal(poll);
    await waitUntil(
      () => textOf(container.querySelector('output')) === 'Your vote: wed',
      'React state did not show it',
    );
    expect(api.requests.filter((r) => r.method !== 'GET')).to.have.length(1);
  });

  it('lets onPlazaBeforeVote cancel the vote with preventDefault: nothing is sent', async () => {
    const { api, client } = fakeNetwork();
    const before: PlazaBeforeVoteEvent[] = [];
    let voted = 0;
    render(
      <PlazaConfig client={client}>
        <PlazaPoll
          pollId="poll-townhall"
          onPlazaBeforeVote={(event) => {
            before.push(event);
            event.preventDefault();
          }}
          onPlazaVote={() => voted++}
        />
      </PlazaConfig>,
    );
    const poll = pollIn(container);
    await waitUntil(() => isLoaded(poll), 'the poll did not load');
    await click(optionLabel(poll, 'Tuesday, 10:00'));
    await click(button(poll, 'Vote'));
    await waitUntil(() => before.length === 1, 'onPlazaBeforeVote was not called');
    expect(before[0]).to.be.instanceOf(PlazaBeforeVoteEvent);
    expect(before[0]!.optionIds).to.deep.equal(['tue']);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(voted).to.equal(0);
    expect(api.requests.filter((r) => r.method !== 'GET')).to.have.length(0);
  });

  it('re-renders on a changed prop, and a changed handler replaces the old one', async () => {
    const { client } = fakeNetwork();
    const calls: string[] = [];
    const view = (pollId: string, name: string) => (
      <PlazaConfig client={client}>
        <PlazaPoll pollId={pollId} onPlazaVote={() => calls.push(name)} />
      </PlazaConfig>
    );
    render(view('poll-townhall', 'first'));
    const poll = pollIn(container);
    await waitUntil(() => isLoaded(poll) && pollText(poll).includes('town hall'), 'the first poll did not load');

    render(view('poll-training', 'second'));
    expect(pollIn(container)).to.equal(poll, 'the same element, updated in place');
    expect(poll.pollId).to.equal('poll-training');
    await waitUntil(
      () => pollText(poll).includes('Which topics should the next in-house training cover?'),
      `the poll did not show the new question: ${pollText(poll)}`,
    );
    expect(pollText(poll)).not.to.include('town hall');

    await click(optionLabel(poll, 'Triage protocol v3'));
    await click(button(poll, 'Vote'));
    await waitUntil(() => calls.length > 0, 'onPlazaVote was not called');
    expect(calls).to.deep.equal(['second']);
  });

  it('unmounts cleanly: the elements leave the page, the ref is released, the event stream closes', async () => {
    const { api, client } = fakeNetwork();
    const refs: (PlazaPollElement | null)[] = [];
    const errors: unknown[] = [];
    const onError = (event: ErrorEvent) => errors.push(event.error);
    window.addEventListener('error', onError);
    render(
      <PlazaConfig client={client}>
        <PlazaPoll pollId="poll-townhall" ref={(node) => void refs.push(node)} />
      </PlazaConfig>,
    );
    const poll = pollIn(container);
    await waitUntil(() => isLoaded(poll), 'the poll did not load');
    await waitUntil(() => api.openStreams === 1, 'the event stream did not open');

    unmount();
    expect(poll.isConnected).to.equal(false);
    expect(container.childElementCount).to.equal(0);
    expect(refs).to.deep.equal([poll, null]);
    await waitUntil(() => api.openStreams === 0, 'the event stream stayed open', { timeout: 3000 });
    // Nothing of the poll runs on after it left: no late render or timer throws.
    await new Promise((resolve) => setTimeout(resolve, 200));
    window.removeEventListener('error', onError);
    expect(errors).to.deep.equal([]);
  });
});

describe('@plaza/react: every wrapper', () => {
  it('renders its element with the props set as properties, and wires its event props', async () => {
    const { client } = fakeNetwork();
    const joins: PlazaJoinEvent[] = [];
    render(
      <PlazaConfig client={client} theme="dark" apiBase="/ignored-because-client-is-set">
        <PlazaFeed groupId="grp-solar-service" topic="pv" pageSize={5} compose />
        <PlazaGroupCard
          groupId="grp-it-help"
          layout="compact"
          hrefTemplate="/groups/{id}"
          onPlazaJoin={(event) => joins.push(event)}
        />
        <PlazaAskExpert topic="vpn" label="Ask IT" />
      </PlazaConfig>,
    );
    const config = container.querySelector('plaza-config')!;
    expect(config.theme).to.equal('dark');
    expect(config.apiBase).to.equal('/ignored-because-client-is-set');
    const feed = container.querySelector('plaza-feed')!;
    expect([feed.groupId, feed.topic, feed.pageSize, feed.compose]).to.deep.equal(['grp-solar-service', 'pv', 5, true]);
    const card = container.querySelector('plaza-group-card')!;
    expect(card).to.be.instanceOf(PlazaGroupCardElement);
    expect([card.groupId, card.layout, card.hrefTemplate]).to.deep.equal(['grp-it-help', 'compact', '/groups/{id}']);
    const ask = container.querySelector('plaza-ask-expert')!;
    expect([ask.topic, ask.label]).to.deep.equal(['vpn', 'Ask IT']);

    card.dispatchEvent(new PlazaJoinEvent('grp-it-help', 'member'));
    expect(joins).to.have.length(1);
    expect(joins[0]!.membership).to.equal('member');
  });
});

// ——— the types (checked by `tsc`, not at run time) ———

export function typeChecks(client: PlazaClient) {
  const ok: PlazaPollProps = { pollId: 'p', onPlazaVote: (event) => event.optionIds.at(0) };
  return [
    ok,
    // @ts-expect-error pollId is a string
    <PlazaPoll pollId={42} />,
    // @ts-expect-error Lit's own members are not props
    <PlazaPoll updateComplete={Promise.resolve(true)} />,
    // @ts-expect-error the vote event has no `post`
    <PlazaPoll onPlazaVote={(event) => event.post} />,
    // @ts-expect-error layout is 'full' | 'compact'
    <PlazaGroupCard layout="wide" />,
    // @ts-expect-error theme is 'light' | 'dark' | 'auto'
    <PlazaConfig client={client} theme="sepia" />,
    // @ts-expect-error the group card fires no vote events
    <PlazaGroupCard onPlazaVote={() => {}} />,
  ];
}
