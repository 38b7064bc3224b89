import { expect, fixture, html } from '@open-wc/testing';
import { createClient } from '@plaza/sdk';
import '../define.ts';
import { placeholderCss } from './placeholders.ts';

// plaza.js gives each widget tag its skeleton's height until the widget's code has loaded, so nothing moves when
// it arrives. Those heights are written down in placeholders.ts; this holds them to the skeletons themselves:
// an undefined element (prefix `zz-`, never registered) with the placeholder rules must be exactly as tall as
// the registered widget in its loading state (a client whose requests never answer).

/** Widths: 36 rem unless said (a full group card's skeleton changes at 600 px; the others do not). */
const VARIANTS: { name: string; attributes: string; width?: string }[] = [
  { name: 'poll', attributes: 'poll-id="p1"' },
  { name: 'poll', attributes: 'poll-id="p1"', width: '18rem' },
  { name: 'group-card', attributes: 'group-id="g1"' },
  { name: 'group-card', attributes: 'group-id="g1" layout="full"' },
  { name: 'group-card', attributes: 'group-id="g1" layout="compact"' },
  { name: 'group-card', attributes: 'group-id="g1" layout="compact"', width: '60rem' },
  { name: 'feed', attributes: '' },
  { name: 'feed', attributes: 'compose page-size="5"', width: '60rem' },
  { name: 'ask-expert', attributes: 'topic="it-help"' },
];

describe('placeholders of widgets whose code has not loaded yet', () => {
  const sheet = new CSSStyleSheet();
  before(() => {
    sheet.replaceSync(placeholderCss('zz'));
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  });
  after(() => {
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
  });

  for (const { name, attributes, width = '36rem' } of VARIANTS) {
    it(`<plaza-${name} ${attributes}> ${width} wide is as tall before it is defined as its loading skeleton`, async () => {
      const holder = await fixture<HTMLElement>(html`<div></div>`);
      holder.style.width = width;
      const config = document.createElement('plaza-config');
      config.client = createClient({ baseUrl: 'https://plaza.test/api', fetch: () => new Promise<Response>(() => {}) });
      // innerHTML: the attributes as an editor writes them (both tags parsed alike).
      config.innerHTML = `<plaza-${name} ${attributes}></plaza-${name}><zz-${name} ${attributes}></zz-${name}>`;
      holder.append(config);
      const widget = config.firstElementChild as HTMLElement & { updateComplete: Promise<boolean> };
      await widget.updateComplete;
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const placeholder = config.lastElementChild as HTMLElement;
      expect(placeholder.matches(':defined')).to.equal(false);
      expect(widget.shadowRoot!.querySelector('[aria-busy="true"], .skeleton, [part~="skeleton"]')).to.not.equal(null);
      const skeleton = widget.getBoundingClientRect().height;
      expect(skeleton).to.be.above(100);
      expect(placeholder.getBoundingClientRect().height).to.be.closeTo(skeleton, 0.5);
    });
  }

  it('lose to the page’s own CSS for the element', async () => {
    const holder = await fixture<HTMLElement>(
      html`<div>
        <style>
          zz-poll {
            min-height: 3rem;
          }</style
        ><zz-poll></zz-poll>
      </div>`,
    );
    expect(holder.querySelector('zz-poll')!.getBoundingClientRect().height).to.equal(48);
  });
});
