import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { unsafeStatic, html as staticHtml } from 'lit/static-html.js';
import { createClient } from '@plaza/sdk';
import { BASE_URL, createMockApi, viewer } from '../../../stories/fixtures/mock-api.ts';
import { definePlaza, PlazaConfig, PlazaPoll } from './index.ts';

const poll = {
  id: 'poll-1',
  question: 'Which prefix wins?',
  options: [
    { id: 'a', label: 'Acme' },
    { id: 'b', label: 'Plaza' },
  ],
};

describe('definePlaza', () => {
  it('registers every element under a prefix, as subclasses, and they work together', async () => {
    const tags = definePlaza({ prefix: 'acme' });
    expect(tags).to.deep.equal({
      config: 'acme-config',
      poll: 'acme-poll',
      'group-card': 'acme-group-card',
      'ask-expert': 'acme-ask-expert',
      feed: 'acme-feed',
      post: 'acme-post',
      composer: 'acme-composer',
      'poll-composer': 'acme-poll-composer',
    });
    const AcmePoll = customElements.get('acme-poll')!;
    expect(AcmePoll).to.not.equal(PlazaPoll);
    expect(AcmePoll.prototype).to.be.instanceOf(PlazaPoll);

    const api = createMockApi({ polls: [poll], viewer });
    const client = createClient({ baseUrl: BASE_URL, fetch: api.fetch, retry: { retries: 0 } });
    const config = await fixture<PlazaConfig>(
      staticHtml`<${unsafeStatic(tags.config)} .client=${client}><${unsafeStatic(tags.poll)} poll-id="poll-1"></${unsafeStatic(tags.poll)}></${unsafeStatic(tags.config)}>`,
    );
    const element = config.querySelector('acme-poll')!;
    await waitUntil(() => element.shadowRoot?.textContent?.includes('Which prefix wins?'), 'acme-poll did not load');
  });

  it('is a no-op the second time (no error), and warns only when another class owns a tag', async () => {
    const warnings: unknown[][] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args);
    try {
      definePlaza();
      definePlaza();
      expect(customElements.get('plaza-poll')).to.equal(PlazaPoll);
      expect(warnings).to.have.length(0);
      definePlaza({ prefix: 'acme' });
      expect(warnings).to.have.length(0, 'acme-* are already ours');
      // Another library (or another copy of Plaza) owns zeta-poll: it keeps it, and we say so.
      customElements.define('zeta-poll', class extends HTMLElement {});
      definePlaza({ prefix: 'zeta' });
      expect(warnings.map((args) => String(args[0]))).to.deep.equal([
        '[plaza] <zeta-poll> is already defined (another copy of Plaza on this page?); keeping the first.',
      ]);
      expect(customElements.get('zeta-config')!.prototype).to.be.instanceOf(PlazaConfig);
    } finally {
      console.warn = warn;
    }
    await aTimeout(0);
  });

  it('refuses an invalid prefix with a clear message', () => {
    for (const prefix of ['', 'Acme', '1x', 'acme-', 'a b', 'ac_me']) {
      expect(() => definePlaza({ prefix }), prefix).to.throw(TypeError, /not a valid tag prefix/);
    }
  });

  it('renders a plain page of both prefixes side by side', async () => {
    definePlaza();
    const api = createMockApi({ polls: [poll], viewer });
    const client = createClient({ baseUrl: BASE_URL, fetch: api.fetch, retry: { retries: 0 } });
    const page = await fixture<HTMLElement>(
      html`<div>
        <plaza-config .client=${client}><plaza-poll poll-id="poll-1"></plaza-poll></plaza-config>
        <acme-config .client=${client}><acme-poll poll-id="poll-1"></acme-poll></acme-config>
      </div>`,
    );
    for (const tag of ['plaza-poll', 'acme-poll']) {
      const element = page.querySelector(tag)!;
      await waitUntil(() => element.shadowRoot?.textContent?.includes('Which prefix wins?'), `${tag} did not load`);
    }
  });
});
