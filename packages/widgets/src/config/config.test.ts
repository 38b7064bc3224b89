import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createClient } from '@plaza/sdk';
import '../define.ts';
import { BASE_URL, createMockApi, viewer, type MockApi } from '../../../../stories/fixtures/mock-api.ts';
import { pollScenarios } from '../../../../stories/fixtures/polls.ts';
import { Plaza } from '../internal/defaults.ts';
import { defineElement } from '../internal/define.ts';
import type { PlazaPoll } from '../poll/poll.ts';
import { PlazaConfig } from './config.ts';

const textOf = (poll: PlazaPoll) => (poll.shadowRoot?.querySelector('.base')?.textContent ?? '').replace(/\s+/g, ' ');
const loaded = (poll: PlazaPoll) => !!poll.shadowRoot?.querySelector('.question');

function network(): { api: MockApi; client: ReturnType<typeof createClient> } {
  const api = createMockApi(pollScenarios.open.api());
  return { api, client: createClient({ baseUrl: BASE_URL, fetch: api.fetch, retry: { retries: 0 } }) };
}

afterEach(() => Plaza.reset());

describe('<plaza-config>', () => {
  it('provides its client to widgets nested anywhere inside, also in other shadow roots', async () => {
    const { api, client } = network();
    const host = document.createElement('div');
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<section><plaza-poll poll-id="poll-townhall"></plaza-poll></section>';
    const config = await fixture<PlazaConfig>(
      html`<plaza-config .client=${client}
        ><div><div>${host}</div></div></plaza-config
      >`,
    );
    const poll = shadow.querySelector('plaza-poll')!;
    await waitUntil(() => loaded(poll), 'the nested poll did not load');
    expect(api.requests.map((r) => r.path)).to.include('/v1/polls');
    expect(getComputedStyle(config).display).to.equal('contents');
  });

  it('makes one client per api-base and shares it between configs (one store, no re-creation on render)', async () => {
    const wrapper = await fixture(
      html`<div>
        <plaza-config api-base="https://plaza.invalid/a"><plaza-poll></plaza-poll></plaza-config>
        <plaza-config api-base="https://plaza.invalid/a" locale="de"><plaza-poll></plaza-poll></plaza-config>
        <plaza-config api-base="https://plaza.invalid/b"><plaza-poll></plaza-poll></plaza-config>
      </div>`,
    );
    const [a1, a2, b] = [...wrapper.querySelectorAll('plaza-poll')];
    const [c1] = [...wrapper.querySelectorAll('plaza-config')];
    const clientA = a1!.plazaConfig?.client;
    expect(clientA?.baseUrl).to.equal('https://plaza.invalid/a');
    expect(a2!.plazaConfig?.client).to.equal(clientA);
    expect(b!.plazaConfig?.client).to.not.equal(clientA);
    c1!.locale = 'de';
    await c1!.updateComplete;
    expect(a1!.plazaConfig?.client).to.equal(clientA);
    expect(a1!.plazaConfig?.locale).to.equal('de');
  });

  it('re-renders its widgets when the locale attribute changes', async () => {
    const { client } = network();
    const config = await fixture<PlazaConfig>(
      html`<plaza-config .client=${client} locale="en"
        ><plaza-poll poll-id="poll-townhall"></plaza-poll
      ></plaza-config>`,
    );
    const poll = config.querySelector('plaza-poll')!;
    await waitUntil(() => loaded(poll));
    expect(textOf(poll)).to.include('Choose one');
    config.setAttribute('locale', 'de');
    await waitUntil(() => textOf(poll).includes('Eine Antwort wählen'), 'the poll did not switch to German');
    expect(textOf(poll)).to.include('11 Stimmen');
  });

  it('sets color-scheme for theme="dark" and "auto", and widgets inside follow', async () => {
    const { client } = network();
    const config = await fixture<PlazaConfig>(
      html`<plaza-config .client=${client} theme="dark"
        ><plaza-poll poll-id="poll-townhall"></plaza-poll
      ></plaza-config>`,
    );
    const poll = config.querySelector('plaza-poll')!;
    await waitUntil(() => loaded(poll));
    expect(getComputedStyle(poll).colorScheme).to.equal('dark');
    config.theme = 'auto';
    await config.updateComplete;
    expect(getComputedStyle(poll).colorScheme).to.equal('light dark');
  });

  it('lets a nested config override the locale and inherit the client', async () => {
    const { client } = network();
    const outer = await fixture<PlazaConfig>(
      html`<plaza-config .client=${client} locale="en">
        <plaza-config locale="de"><plaza-poll poll-id="poll-townhall"></plaza-poll></plaza-config>
      </plaza-config>`,
    );
    const poll = outer.querySelector('plaza-poll')!;
    await waitUntil(() => loaded(poll), 'the inner poll got no client');
    expect(poll.plazaConfig?.client).to.equal(client);
    expect(textOf(poll)).to.include('Abstimmen');
  });

  it('reaches widgets that were connected before the provider was defined (ContextRoot)', async () => {
    const { client } = network();
    const wrapper = await fixture(
      html`<late-plaza-config><plaza-poll poll-id="poll-townhall"></plaza-poll></late-plaza-config>`,
    );
    const poll = wrapper.querySelector('plaza-poll')!;
    expect(loaded(poll)).to.equal(false);
    customElements.define('late-plaza-config', class extends PlazaConfig {});
    (wrapper as PlazaConfig).client = client;
    await waitUntil(() => loaded(poll), 'the late provider did not reach the poll');
  });
});

describe('Plaza.configure', () => {
  it('configures widgets outside any <plaza-config>, also after they connected', async () => {
    const { api, client } = network();
    const poll = await fixture<PlazaPoll>(html`<plaza-poll poll-id="poll-townhall"></plaza-poll>`);
    expect(loaded(poll)).to.equal(false);
    Plaza.configure({ client, locale: 'de', theme: 'dark' });
    await waitUntil(() => loaded(poll), 'Plaza.configure did not reach the poll');
    expect(textOf(poll)).to.include('Eine Antwort wählen');
    expect(getComputedStyle(poll.shadowRoot!.querySelector('.base')!).colorScheme).to.equal('dark');
    expect(api.requests.length).to.be.greaterThan(0);
  });

  it('stores the defaults under a registered symbol, so a second copy of the library sees them', () => {
    Plaza.configure({ apiBase: 'https://plaza.invalid/', locale: 'de' });
    const stored = (globalThis as Record<symbol, { options: { apiBase?: string } }>)[Symbol.for('plaza.defaults')];
    expect(stored?.options.apiBase).to.equal('https://plaza.invalid/');
  });

  it('falls back to the nearest lang attribute, and follows its changes', async () => {
    const { client } = network();
    Plaza.configure({ client });
    const wrapper = await fixture(html`<div lang="de"><plaza-poll poll-id="poll-townhall"></plaza-poll></div>`);
    const poll = wrapper.querySelector('plaza-poll')!;
    await waitUntil(() => loaded(poll));
    expect(textOf(poll)).to.include('Abstimmen');
    wrapper.setAttribute('lang', 'en-GB');
    await waitUntil(() => textOf(poll).includes('Choose one'), 'the lang change was not picked up');
  });

  it('says so when a widget has no configuration at all', async () => {
    const poll = await fixture<PlazaPoll>(html`<plaza-poll poll-id="x"></plaza-poll>`);
    await waitUntil(() => textOf(poll).includes('not connected to a Plaza server'), 'no message', { timeout: 4000 });
    await expect(poll).to.be.accessible();
  });
});

describe('registration', () => {
  it('ignores a second registration of a tag and warns instead of throwing', () => {
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      defineElement('plaza-config', class extends PlazaConfig {});
    } finally {
      console.warn = warn;
    }
    expect(customElements.get('plaza-config')).to.equal(PlazaConfig);
    expect(warnings).to.have.length(1);
  });

  it('gives the same client to every poll of the page (one request for two widgets of one poll)', async () => {
    const { api, client } = network();
    const config = await fixture<PlazaConfig>(
      html`<plaza-config .client=${client}>
        <plaza-poll poll-id="poll-townhall"></plaza-poll>
        <plaza-poll poll-id="poll-townhall"></plaza-poll>
      </plaza-config>`,
    );
    const [first, second] = [...config.querySelectorAll('plaza-poll')];
    await waitUntil(() => loaded(first!) && loaded(second!));
    expect(api.requests.filter((r) => r.path === '/v1/polls')).to.have.length(1);
    expect(viewer.id).to.equal('u-viewer');
  });
});
