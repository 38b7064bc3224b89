// A whole intranet page of widgets through one SDK client: how many requests it costs (issue: "a page with
// 10 polls, 5 group cards, a feed and an ask box makes at most 6 requests on load and none more on a second
// render", and one event stream).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createClient } from '@plaza/sdk';
import {
  BASE_URL,
  createMockApi,
  person,
  viewer,
  type GroupSeed,
  type PollSeed,
} from '../../../stories/fixtures/mock-api.ts';
import './define.ts';

const polls: PollSeed[] = Array.from({ length: 10 }, (_, index) => ({
  id: `poll-${index + 1}`,
  question: `Question number ${index + 1}?`,
  options: [
    { id: `p${index}-a`, label: 'Yes' },
    { id: `p${index}-b`, label: 'No' },
  ],
}));

const groups: GroupSeed[] = Array.from({ length: 5 }, (_, index) => ({
  id: `grp-${index + 1}`,
  name: `Community ${index + 1}`,
  description: 'Where people who do this work help each other.',
  visibility: index === 4 ? 'private' : 'public',
  joinPolicy: index === 4 ? 'request' : 'open',
  admins: [person(index)],
  members: [person(index + 10), person(index + 20)],
}));

const loaded = (element: Element) => {
  const root = element.shadowRoot;
  return !!root && !root.querySelector('[aria-busy="true"], .skeleton, [part~="skeleton"]');
};

describe('a page of widgets', () => {
  it('loads 10 polls and 5 group cards with a handful of requests, one event stream, and none on a re-render', async () => {
    const api = createMockApi({ polls, groups, viewer });
    const client = createClient({ baseUrl: BASE_URL, fetch: api.fetch, retry: { retries: 0 } });
    const page = await fixture<HTMLElement>(html`
      <plaza-config .client=${client}>
        ${polls.map((poll) => html`<plaza-poll poll-id=${poll.id}></plaza-poll>`)}
        ${groups.map((group) => html`<plaza-group-card group-id=${group.id} layout="compact"></plaza-group-card>`)}
      </plaza-config>
    `);
    const widgets = [...page.querySelectorAll('plaza-poll, plaza-group-card')];
    expect(widgets).to.have.length(15);
    const text = (element: Element) => element.shadowRoot?.textContent ?? '';
    await waitUntil(
      () =>
        widgets.every(loaded) &&
        text(widgets[9]!).includes('Question number 10') &&
        text(widgets[14]!).includes('Community 5'),
      'not every widget loaded',
      { timeout: 5000 },
    );
    await waitUntil(() => api.openStreams === 1, 'the event stream did not open');

    const apiRequests = () => api.requests.filter((request) => request.path !== '/v1/events');
    const onLoad = apiRequests().map((request) => `${request.method} ${request.path}${request.search}`);
    expect(onLoad.length, onLoad.join('\n')).to.be.at.most(6);
    expect(onLoad.filter((line) => line.startsWith('GET /v1/polls'))).to.have.length(1);
    expect(onLoad.filter((line) => line.startsWith('GET /v1/groups'))).to.have.length(1);
    expect(api.requests.filter((request) => request.path === '/v1/events')).to.have.length(1);

    // A second render (the CMS re-inserts the widgets) is served from the store.
    const clones = widgets.map((widget) => widget.cloneNode(true) as Element);
    for (const widget of widgets) widget.remove();
    page.append(...clones);
    await waitUntil(() => clones.every(loaded), 'the re-rendered widgets did not load');
    expect(apiRequests()).to.have.length(onLoad.length);
    expect(api.requests.filter((request) => request.path === '/v1/events')).to.have.length(1);
  });
});
