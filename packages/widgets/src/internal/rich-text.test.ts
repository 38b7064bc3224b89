import { aTimeout, expect } from '@open-wc/testing';
import { render } from 'lit';
import type { BlockNode } from '@plaza/contract';
import { hostileTrees, XSS_VECTORS } from '../../../../stories/fixtures/xss.ts';
import { MAX_DEPTH, plainText, renderRichText, safeTemplateUrl } from './rich-text.ts';

const win = window as unknown as { __xss: number };

function renderInto(nodes: BlockNode[], options: Parameters<typeof renderRichText>[1] = {}) {
  const host = document.createElement('div');
  document.body.append(host);
  render(renderRichText(nodes, { baseUrl: 'https://plaza.test/api/', ...options }), host);
  return host;
}

/** Everything a renderer could do wrong: script, handlers, unsafe URLs, frames, styles. */
function assertInert(host: HTMLElement) {
  expect(
    host.querySelector('script, iframe, object, embed, style, link, meta, base, form, svg, math, template'),
  ).to.equal(null);
  for (const element of host.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      expect(attribute.name.startsWith('on'), `${element.localName} has ${attribute.name}`).to.equal(false);
      expect(attribute.name).not.to.equal('style');
    }
  }
  for (const link of host.querySelectorAll('a')) {
    const href = link.getAttribute('href')!;
    expect(href).not.to.match(/^\s*(javascript|data|vbscript):/i);
    // Mentions and topics follow the page's (relative) templates; links from text are absolute and safe.
    if (!link.matches('.mention, .topic')) {
      expect(href).to.match(/^(https?:\/\/|mailto:)/i);
      expect(link.rel).to.contain('noopener');
    }
  }
  for (const image of host.querySelectorAll('img')) {
    expect(image.getAttribute('src')!.startsWith('https://plaza.test/api/v1/files/')).to.equal(true);
  }
}

describe('renderRichText', () => {
  beforeEach(() => (win.__xss = 0));
  afterEach(() => document.querySelectorAll('body > div').forEach((element) => element.remove()));

  it('renders the node kinds as elements', () => {
    const host = renderInto(
      [
        {
          type: 'paragraph',
          children: [
            { type: 'text', text: 'Hi ' },
            { type: 'strong', children: [{ type: 'text', text: 'bold' }] },
            { type: 'emphasis', children: [{ type: 'text', text: 'it' }] },
            { type: 'code', text: 'x<y' },
            { type: 'link', href: 'https://example.com/a?b=1', children: [{ type: 'text', text: 'link' }] },
            { type: 'text', text: 'line\nbreak' },
            { type: 'mention', userId: 'u-1', name: 'Ana' },
            { type: 'topic', tag: 'Triage' },
            { type: 'image', fileId: 'file-1', alt: 'A chart' },
          ],
        },
        { type: 'codeBlock', text: 'const a = 1;\n<b>', language: 'js' },
        { type: 'quote', children: [{ type: 'paragraph', children: [{ type: 'text', text: 'quoted' }] }] },
        {
          type: 'list',
          ordered: true,
          start: 3,
          items: [{ type: 'item', children: [{ type: 'paragraph', children: [{ type: 'text', text: 'three' }] }] }],
        },
      ],
      { mentionUrl: '/people/{id}', topicUrl: 'https://intranet.example/topics/{topic}' },
    );
    expect(host.querySelector('strong')!.textContent).to.equal('bold');
    expect(host.querySelector('em')!.textContent).to.equal('it');
    expect(host.querySelector('p code')!.textContent).to.equal('x<y');
    const link = host.querySelector<HTMLAnchorElement>('a[target="_blank"]')!;
    expect(link.getAttribute('href')).to.equal('https://example.com/a?b=1');
    expect(link.rel).to.equal('noopener noreferrer nofollow');
    expect(host.querySelectorAll('p br').length).to.equal(1);
    expect(host.querySelector<HTMLAnchorElement>('a.mention')!.getAttribute('href')).to.equal('/people/u-1');
    expect(host.querySelector<HTMLAnchorElement>('a.topic')!.getAttribute('href')).to.equal(
      'https://intranet.example/topics/triage',
    );
    expect(host.querySelector('img')!.getAttribute('src')).to.equal('https://plaza.test/api/v1/files/file-1');
    expect(host.querySelector('img')!.alt).to.equal('A chart');
    expect(host.querySelector('pre code')!.textContent).to.equal('const a = 1;\n<b>');
    expect(host.querySelector('blockquote p')!.textContent).to.equal('quoted');
    expect(host.querySelector('ol')!.getAttribute('start')).to.equal('3');
  });

  it('without URL templates, a mention is text and a topic a button calling onTopic', () => {
    const chosen: string[] = [];
    const host = renderInto(
      [
        {
          type: 'paragraph',
          children: [
            { type: 'mention', userId: 'u-1', name: 'Ana' },
            { type: 'topic', tag: 'Triage' },
          ],
        },
      ],
      { onTopic: (tag) => chosen.push(tag) },
    );
    expect(host.querySelector('span.mention')!.textContent).to.equal('@Ana');
    host.querySelector<HTMLButtonElement>('button.topic')!.click();
    expect(chosen).to.deep.equal(['triage']);
  });

  it('URL templates never produce javascript: or data: links, and encode what they insert', () => {
    expect(safeTemplateUrl('javascript:alert({id})', { id: '1' })).to.equal(null);
    expect(safeTemplateUrl('{id}', { id: 'javascript:alert(1)' })).to.equal('javascript%3Aalert(1)');
    expect(safeTemplateUrl('data:text/html,{id}', { id: 'x' })).to.equal(null);
    expect(safeTemplateUrl('/people/{id}', { id: '../admin?x=<b>' })).to.equal('/people/..%2Fadmin%3Fx%3D%3Cb%3E');
    expect(safeTemplateUrl(null, {})).to.equal(null);
  });

  it(`renders ${XSS_VECTORS.length} hostile strings as the text they are`, async () => {
    expect(XSS_VECTORS.length).to.be.at.least(50);
    for (const vector of XSS_VECTORS) {
      const host = renderInto([{ type: 'paragraph', children: [{ type: 'text', text: vector }] }]);
      expect(host.textContent).to.equal(vector);
      expect(host.querySelectorAll('p').length).to.equal(1);
      expect(host.querySelector('p')!.children.length).to.equal(0, `markup made elements: ${vector}`);
    }
    await aTimeout(50);
    expect(win.__xss).to.equal(0);
  });

  it(`renders ${hostileTrees().length} hostile node trees inertly`, async () => {
    const trees = hostileTrees();
    expect(trees.length).to.be.at.least(60);
    for (const tree of trees)
      assertInert(renderInto(tree, { mentionUrl: '/people/{id}', topicUrl: '/topics/{topic}' }));
    await aTimeout(100);
    expect(win.__xss).to.equal(0);
  });

  it('flattens nesting deeper than the limit instead of overflowing the stack', () => {
    let node: BlockNode = { type: 'paragraph', children: [{ type: 'text', text: 'deep' }] };
    for (let i = 0; i < 100; i++) node = { type: 'quote', children: [node] };
    const host = renderInto([node]);
    expect(host.querySelectorAll('blockquote').length).to.equal(MAX_DEPTH + 1);
    expect(host.textContent).to.contain('deep');
    expect(plainText([node])).to.equal('deep');
  });
});
