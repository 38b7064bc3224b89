import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as z from 'zod/mini';
import { RichText, type BlockNode, type InlineNode } from '@plaza/contract';
import { lexRichText, mentionedIds, safeHref, topicsOf } from '../src/markdown/lexer.ts';

/** Inputs that try to get HTML, script or a dangerous URL through. */
const HOSTILE: readonly string[] = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  'text <script>alert(1)</script> text',
  '<img src=x onerror=alert(1)>',
  '<img src="javascript:alert(1)">',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">XSS</text></a></svg>',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="></object>',
  '<embed src="javascript:alert(1)">',
  '<a href="javascript:alert(1)">click</a>',
  '<div onmouseover="alert(1)">hover</div>',
  '<body onload=alert(1)>',
  '<style>body{background:url("javascript:alert(1)")}</style>',
  '<link rel=stylesheet href="javascript:alert(1)">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<form action="javascript:alert(1)"><button>go</button></form>',
  '<details open ontoggle=alert(1)>',
  '<!-- <script>alert(1)</script> -->',
  '<![CDATA[<script>alert(1)</script>]]>',
  '[click](javascript:alert(1))',
  '[click](JAVASCRIPT:alert(1))',
  '[click](  javascript:alert(1))',
  '[click](java\tscript:alert(1))',
  '[click](<javascript:alert(1)>)',
  '[click](jav&#x61;script:alert(1))',
  '[click](jav&#97;script:alert(1))',
  '[click](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))',
  '[click](javascript&colon;alert(1))',
  '[click](&#x6A;avascript:alert(1))',
  '[click](%6A%61%76%61script:alert(1))',
  '[click](\\javascript:alert(1))',
  '[click](vbscript:msgbox(1))',
  '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[click](data:image/svg+xml,<svg onload=alert(1)>)',
  '[click](file:///etc/passwd)',
  '[click](//evil.example/x)',
  '[click](/relative/path)',
  '[ref]\n\n[ref]: javascript:alert(1)',
  '[ref][x]\n\n[x]: data:text/html,<script>alert(1)</script>',
  '<javascript:alert(1)>',
  '<vbscript:msgbox(1)>',
  '![x](javascript:alert(1))',
  '![x" onerror="alert(1)](https://evil.example/x.png)',
  '![x](https://evil.example/tracker.png)',
  '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '[a](https://ok.example "title\\" onmouseover=\\"alert(1)")',
  '[**nested [inner](javascript:alert(1))**](https://ok.example)',
  '[x](https://ok.example)<script>alert(1)</script>',
  '**<script>alert(1)</script>**',
  '*<img src=x onerror=alert(1)>*',
  '`<script>alert(1)</script>`',
  '```html\n<script>alert(1)</script>\n```',
  '> <script>alert(1)</script>\n> [x](javascript:alert(1))',
  '- <script>alert(1)</script>\n- [x](vbscript:1)\n  - <img src=x onerror=alert(1)>',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '&#60;script&#62;alert(1)&#60;/script&#62;',
  '@[<script>alert(1)</script>](u-alex)',
  '@[x](javascript:alert(1))',
  '#<script>alert(1)</script>',
  '<a href="https://ok.example" onclick="alert(1)">x</a>',
  'www.evil.example/<script>alert(1)</script>',
  'https://ok.example/"><script>alert(1)</script>',
  'mailto:someone@example.com?body=<script>',
  '[x](mailto:someone@example.com"><script>alert(1)</script>)',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<<script>script>alert(1)<</script>/script>',
  '\u0000<script>alert(1)</script>',
  '[x](\u0001javascript:alert(1))',
  '[x](java\u0000script:alert(1))',
  '<x onclick=alert(1)>y</x>',
  '<input autofocus onfocus=alert(1)>',
  '<video><source onerror=alert(1)></video>',
  '<base href="javascript:/">',
  '<a href="data:text/html,<script>alert(1)</script>">x</a>',
  `${'> '.repeat(40)}deep <script>alert(1)</script>`,
  `${'*'.repeat(30)}x${'*'.repeat(30)} [x](javascript:1)`,
  `${'- '.repeat(30)}[x](javascript:alert(1))`,
  '| a | b |\n|---|---|\n| <script>alert(1)</script> | [x](javascript:1) |',
  '# <img src=x onerror=alert(1)>',
  'Setext <b onclick=alert(1)>\n===',
];

const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** The keys each node kind may have: anything else would be smuggled data. */
const KEYS: Record<string, string[]> = {
  text: ['type', 'text'],
  code: ['type', 'text'],
  mention: ['type', 'userId', 'name'],
  topic: ['type', 'tag'],
  image: ['type', 'fileId', 'alt'],
  strong: ['type', 'children'],
  emphasis: ['type', 'children'],
  link: ['type', 'href', 'children'],
  paragraph: ['type', 'children'],
  codeBlock: ['type', 'text', 'language'],
  quote: ['type', 'children'],
  list: ['type', 'ordered', 'start', 'items'],
  item: ['type', 'children'],
};

function checkNode(node: { type: string } & Record<string, unknown>, where: string) {
  const allowed = KEYS[node.type];
  assert.ok(allowed, `${where}: unknown node type ${node.type}`);
  assert.deepEqual(Object.keys(node).sort(), [...allowed].sort(), `${where}: keys of ${node.type}`);
  if (node.type === 'link') {
    const href = String(node.href);
    assert.ok(SAFE_PROTOCOLS.has(new URL(href).protocol), `${where}: href ${href}`);
    assert.doesNotMatch(href, /[\s"'<>]/, `${where}: href ${href} is normalised`);
  }
  if (node.type === 'image') assert.match(String(node.fileId), /^[A-Za-z0-9][\w-]*$/, `${where}: image file id`);
  for (const key of ['children', 'items'] as const) {
    const children = node[key] as ({ type: string } & Record<string, unknown>)[] | undefined;
    children?.forEach((child, index) => checkNode(child, `${where}.${key}[${index}]`));
  }
}

const escapeHtml = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** What a widget does with the tree, as an HTML string: text is always escaped. */
function render(nodes: readonly BlockNode[]): string {
  const inline = (children: readonly InlineNode[]): string =>
    children
      .map((node) => {
        switch (node.type) {
          case 'text':
            return escapeHtml(node.text);
          case 'code':
            return `<code>${escapeHtml(node.text)}</code>`;
          case 'mention':
            return `<a href="/people/${encodeURIComponent(node.userId)}">@${escapeHtml(node.name)}</a>`;
          case 'topic':
            return `<a href="/topics/${encodeURIComponent(node.tag)}">#${escapeHtml(node.tag)}</a>`;
          case 'image':
            return `<img src="/v1/files/${encodeURIComponent(node.fileId)}" alt="${escapeHtml(node.alt)}">`;
          case 'strong':
            return `<strong>${inline(node.children)}</strong>`;
          case 'emphasis':
            return `<em>${inline(node.children)}</em>`;
          case 'link':
            return `<a href="${escapeHtml(node.href)}">${inline(node.children)}</a>`;
        }
      })
      .join('');
  return nodes
    .map((node) => {
      switch (node.type) {
        case 'paragraph':
          return `<p>${inline(node.children)}</p>`;
        case 'codeBlock':
          return `<pre><code>${escapeHtml(node.text)}</code></pre>`;
        case 'quote':
          return `<blockquote>${render(node.children)}</blockquote>`;
        case 'list': {
          const tag = node.ordered ? 'ol' : 'ul';
          return `<${tag}>${node.items.map((item) => `<li>${render(item.children)}</li>`).join('')}</${tag}>`;
        }
      }
    })
    .join('');
}

const RENDERED_TAGS = new Set(['p', 'code', 'pre', 'blockquote', 'ol', 'ul', 'li', 'a', 'img', 'strong', 'em']);

describe('rich text lexer', () => {
  it(`lets nothing dangerous through (${HOSTILE.length} hostile inputs)`, () => {
    assert.ok(HOSTILE.length >= 50);
    for (const [index, source] of HOSTILE.entries()) {
      const where = `input ${index}: ${JSON.stringify(source).slice(0, 60)}`;
      const tree = lexRichText(source);
      assert.equal(tree.source, source, where);
      // The contract accepts it, so every widget can render it.
      assert.ok(z.safeParse(RichText, tree).success, `${where}: fits the contract`);
      tree.nodes.forEach((node, position) =>
        checkNode(node as unknown as { type: string } & Record<string, unknown>, `${where} [${position}]`),
      );
      const html = render(tree.nodes);
      for (const [, tag] of html.matchAll(/<\/?([a-zA-Z][\w:-]*)/g)) {
        assert.ok(RENDERED_TAGS.has(tag!), `${where}: rendered <${tag}> → ${html}`);
      }
      assert.doesNotMatch(html, /<[^>]*\son\w+\s*=/i, `${where}: event handler in ${html}`);
      for (const [, href] of html.matchAll(/(?:href|src)="([^"]*)"/g)) {
        assert.match(href!, /^(https?:\/\/|mailto:|\/(people|topics|v1\/files)\/)/, `${where}: ${href}`);
      }
    }
  });

  it('keeps raw HTML as the visible text the author typed', () => {
    assert.deepEqual(lexRichText('Use <b>bold</b> & <i>more</i>').nodes, [
      { type: 'paragraph', children: [{ type: 'text', text: 'Use <b>bold</b> & <i>more</i>' }] },
    ]);
    assert.deepEqual(lexRichText('<div onclick="x()">\nhi\n</div>').nodes, [
      { type: 'paragraph', children: [{ type: 'text', text: '<div onclick="x()">\nhi\n</div>' }] },
    ]);
    // Character references are decoded to the characters they stand for (rendered as text again).
    assert.deepEqual(lexRichText('5 &lt; 6 &amp;&amp; ok').nodes, [
      { type: 'paragraph', children: [{ type: 'text', text: '5 < 6 && ok' }] },
    ]);
  });

  it('links only absolute http(s) and mailto URLs, normalised; other targets keep their words', () => {
    assert.deepEqual(lexRichText('[Docs](ftp://example.com/a) and [mail](mailto:it@example.com)').nodes, [
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'Docs and ' },
          { type: 'link', href: 'mailto:it@example.com', children: [{ type: 'text', text: 'mail' }] },
        ],
      },
    ]);
    assert.equal(safeHref('mailto:a@example.com"><b>'), 'mailto:a@example.com%22%3E%3Cb%3E');
    assert.deepEqual(lexRichText('[Docs](https://Example.com/a?x=1&amp;y=2)').nodes, [
      {
        type: 'paragraph',
        children: [{ type: 'link', href: 'https://example.com/a?x=1&y=2', children: [{ type: 'text', text: 'Docs' }] }],
      },
    ]);
    assert.deepEqual(lexRichText('[run me](javascript:alert(1)) now').nodes, [
      { type: 'paragraph', children: [{ type: 'text', text: 'run me now' }] },
    ]);
    assert.deepEqual(lexRichText('see www.example.com').nodes, [
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'see ' },
          { type: 'link', href: 'http://www.example.com/', children: [{ type: 'text', text: 'www.example.com' }] },
        ],
      },
    ]);
    assert.equal(safeHref('https://ok.example/x'), 'https://ok.example/x');
    assert.equal(safeHref(' https://ok.example'), 'https://ok.example/');
    for (const bad of [
      'javascript:1',
      'JaVaScRiPt:1',
      'jav&#x61;script:1',
      'data:,x',
      'vbscript:1',
      '/x',
      '//x',
      'ftp://x',
    ]) {
      assert.equal(safeHref(bad), null, bad);
    }
  });

  it('reads mentions @[Name](id) and topics #word (umlauts, digits, - _; not #123, not in code)', () => {
    const { nodes } = lexRichText(
      'Hallo @[Jonas Becker](u-jonas)! #Wechselrichter #Über-Spannung_2 #123 ticket#5 `#code` [#inlink](https://x.example) a@[b](c',
    );
    assert.deepEqual(nodes, [
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'Hallo ' },
          { type: 'mention', userId: 'u-jonas', name: 'Jonas Becker' },
          { type: 'text', text: '! ' },
          { type: 'topic', tag: 'Wechselrichter' },
          { type: 'text', text: ' ' },
          { type: 'topic', tag: 'Über-Spannung_2' },
          { type: 'text', text: ' #123 ticket#5 ' },
          { type: 'code', text: '#code' },
          { type: 'text', text: ' ' },
          { type: 'link', href: 'https://x.example/', children: [{ type: 'text', text: '#inlink' }] },
          { type: 'text', text: ' a@[b](c' },
        ],
      },
    ]);
    assert.deepEqual(topicsOf(nodes), ['wechselrichter', 'über-spannung_2']);
    assert.deepEqual(mentionedIds(nodes), ['u-jonas']);
  });

  it('maps the Markdown subset to the tree', () => {
    const { nodes } = lexRichText(
      '# Title\n\n**bold** *em* ***both***\n\n> quoted\n\n1. one\n2. two\n   - inner\n\n3) x\n\n```ts\nconst a = 1 < 2;\n```\n\n![Rack](file-123)',
    );
    assert.deepEqual(nodes, [
      { type: 'paragraph', children: [{ type: 'strong', children: [{ type: 'text', text: 'Title' }] }] },
      {
        type: 'paragraph',
        children: [
          { type: 'strong', children: [{ type: 'text', text: 'bold' }] },
          { type: 'text', text: ' ' },
          { type: 'emphasis', children: [{ type: 'text', text: 'em' }] },
          { type: 'text', text: ' ' },
          { type: 'emphasis', children: [{ type: 'strong', children: [{ type: 'text', text: 'both' }] }] },
        ],
      },
      { type: 'quote', children: [{ type: 'paragraph', children: [{ type: 'text', text: 'quoted' }] }] },
      {
        type: 'list',
        ordered: true,
        start: null,
        items: [
          { type: 'item', children: [{ type: 'paragraph', children: [{ type: 'text', text: 'one' }] }] },
          {
            type: 'item',
            children: [
              { type: 'paragraph', children: [{ type: 'text', text: 'two' }] },
              {
                type: 'list',
                ordered: false,
                start: null,
                items: [
                  { type: 'item', children: [{ type: 'paragraph', children: [{ type: 'text', text: 'inner' }] }] },
                ],
              },
            ],
          },
        ],
      },
      {
        type: 'list',
        ordered: true,
        start: 3,
        items: [{ type: 'item', children: [{ type: 'paragraph', children: [{ type: 'text', text: 'x' }] }] }],
      },
      { type: 'codeBlock', text: 'const a = 1 < 2;', language: 'ts' },
      { type: 'paragraph', children: [{ type: 'image', fileId: 'file-123', alt: 'Rack' }] },
    ]);
  });

  it('flattens nesting deeper than the limits, keeping the words', () => {
    const deep = lexRichText(`${'> '.repeat(6)}deep`).nodes;
    let depth = 0;
    let node: BlockNode | undefined = deep[0];
    while (node?.type === 'quote') {
      depth += 1;
      node = node.children[0];
    }
    assert.equal(depth, 3);
    assert.deepEqual(node, { type: 'paragraph', children: [{ type: 'text', text: 'deep' }] });
    // strong > emphasis > link > strong: the fourth level becomes its text.
    assert.match(JSON.stringify(lexRichText('**a *b [c **d** e](https://x.example) f* g**').nodes), /"text":"c d e"/);
  });

  it('keeps the words of nesting too deep to parse (thousands of levels) as plain paragraphs, never throws', () => {
    for (const source of [`${'- '.repeat(2400)}x`, `${'> '.repeat(2400)}x\n\nafter`]) {
      const nodes = lexRichText(source).nodes;
      assert.ok(nodes.length > 0, source.slice(0, 10));
      const words = JSON.stringify(nodes);
      assert.match(words, /x/);
      if (source.endsWith('after'))
        assert.deepEqual(nodes.at(-1), { type: 'paragraph', children: [{ type: 'text', text: 'after' }] });
    }
  });

  it('returns an empty tree for empty or blank source', () => {
    assert.deepEqual(lexRichText('').nodes, []);
    assert.deepEqual(lexRichText('  \n\n ').nodes, []);
  });
});
