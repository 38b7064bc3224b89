import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { autoload } from './autoload.ts';

/** Loaders that count their calls and resolve (or fail) when told. */
function loaders(tags: string[]) {
  const calls: string[] = [];
  const failing = new Set<string>();
  const table = Object.fromEntries(
    tags.map((tag) => [
      tag,
      () => {
        calls.push(tag);
        return failing.has(tag) ? Promise.reject(new Error('offline')) : Promise.resolve();
      },
    ]),
  );
  return { table, calls, failing };
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('autoload (plaza.js loads a widget’s code when its element appears)', () => {
  it('loads the code of the elements already on the page, once per tag, and nothing else', async () => {
    await fixture(
      html`<div>
        <al-a></al-a><al-a></al-a>
        <section><al-b></al-b></section>
      </div>`,
    );
    const { table, calls } = loaders(['al-a', 'al-b', 'al-c']);
    autoload(table);
    await settle();
    expect(calls.sort()).to.deep.equal(['al-a', 'al-b']);
  });

  it('loads when an element is added later, also deep inside an added subtree', async () => {
    const holder = await fixture<HTMLElement>(html`<div></div>`);
    const { table, calls } = loaders(['al-d', 'al-e', 'al-f']);
    autoload(table);
    await settle();
    expect(calls).to.deep.equal([]);
    holder.append(document.createElement('al-d'));
    const deep = document.createElement('div');
    deep.innerHTML = '<p><span><al-e></al-e></span></p>';
    holder.append(deep);
    await waitUntil(() => calls.length === 2, `loaded ${calls.join(', ')}`);
    holder.append(document.createElement('al-d'));
    await settle();
    expect(calls.sort()).to.deep.equal(['al-d', 'al-e']);
  });

  it('loads by name (elements in a shadow root of the page’s own) and resolves when loaded', async () => {
    const { table, calls } = loaders(['al-g']);
    const load = autoload(table);
    const host = await fixture<HTMLElement>(html`<div></div>`);
    host.attachShadow({ mode: 'open' }).innerHTML = '<al-g></al-g>';
    await settle();
    expect(calls).to.deep.equal([]);
    await load('al-g');
    await load('al-g');
    expect(calls).to.deep.equal(['al-g']);
    let refused: unknown;
    await load('al-gg').catch((error: unknown) => (refused = error));
    expect(refused).to.be.instanceOf(TypeError);
    expect(String(refused)).to.contain('<al-gg> is not a Plaza element (these are: al-g)');
  });

  it('logs a load that fails and tries again when the element appears again', async () => {
    const { table, calls, failing } = loaders(['al-h']);
    failing.add('al-h');
    const errors: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const holder = await fixture<HTMLElement>(html`<div><al-h></al-h></div>`);
      autoload(table);
      await waitUntil(() => errors.length === 1, 'the failure was not logged');
      expect(String(errors[0]![0])).to.contain('<al-h>');
      failing.delete('al-h');
      holder.append(document.createElement('al-h'));
      await waitUntil(() => calls.length === 2, `loaded ${calls.length} times`);
      expect(errors.length).to.equal(1);
    } finally {
      console.error = original;
    }
  });
});
