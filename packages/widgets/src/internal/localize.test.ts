// Strings load per element and language: English is built in, another language is loaded the first time an
// element shows it, and the element does not render until then (a German page never flashes English).
import { expect, fixture, html, nextFrame, waitUntil } from '@open-wc/testing';
import { html as litHtml } from 'lit';
import type { StringTable, Translation } from '../locales/types.ts';
import { PlazaElement } from './plaza-element.ts';

let defined = 0;

/** A fresh element class whose only table is `table` (each test gets its own tag and table). */
function elementWith(table: StringTable): string {
  const tag = `plaza-localize-test-${++defined}`;
  customElements.define(
    tag,
    class extends PlazaElement {
      static override strings = [table];
      override render() {
        return litHtml`<p>${this.localize.term('poll.vote')}</p><span>${this.localize.term('retry')}</span>`;
      }
    },
  );
  return tag;
}

/** A loader the test resolves or rejects by hand. */
function manualLoader() {
  let settle!: { resolve: (strings: Partial<Translation>) => void; reject: (error: Error) => void };
  let calls = 0;
  const promise = new Promise<{ default: Partial<Translation> }>((resolve, reject) => {
    settle = { resolve: (strings) => resolve({ default: strings }), reject };
  });
  return {
    load: () => {
      calls += 1;
      return promise;
    },
    settle,
    calls: () => calls,
  };
}

/** After a loader settled: the re-render it asks for (a task later) is done. */
async function stringsArrived(...elements: PlazaElement[]) {
  await waitUntil(() => elements.every((element) => !element.hasAttribute('data-plaza-strings-loading')));
  await Promise.all(elements.map((element) => element.updateComplete));
}

const textOf = (element: Element) => element.shadowRoot?.querySelector('p')?.textContent ?? null;

describe('LocalizeController: strings loaded on demand', () => {
  it('keeps the element invisible until the German strings are there, then shows German (no English flash)', async () => {
    const loader = manualLoader();
    const tag = elementWith({ name: 'test-de', en: { 'poll.vote': 'Vote' }, load: { de: loader.load } });
    const container = await fixture<HTMLElement>(html`<div lang="de"></div>`);
    const element = document.createElement(tag) as PlazaElement;
    container.append(element);
    await element.updateComplete;
    // Laid out (it takes its place on the page) but not visible, and not to assistive technology either.
    expect(getComputedStyle(element).visibility).to.equal('hidden');
    expect(element.getBoundingClientRect().height).to.be.above(0);
    loader.settle.resolve({ 'poll.vote': 'Abstimmen' });
    await stringsArrived(element);
    expect(textOf(element)).to.equal('Abstimmen');
    expect(getComputedStyle(element).visibility).to.equal('visible');
    // The common table (errors, retry) is German too: it was loaded with the element's own.
    expect(element.shadowRoot!.querySelector('span')!.textContent).to.equal('Erneut versuchen');
  });

  it('loads a language once for every element that needs it, and English never waits', async () => {
    const loader = manualLoader();
    const tag = elementWith({ name: 'test-once', en: { 'poll.vote': 'Vote' }, load: { de: loader.load } });
    const english = await fixture<PlazaElement>(`<${tag} lang="en"></${tag}>`);
    expect(textOf(english)).to.equal('Vote');
    expect(loader.calls()).to.equal(0);
    const container = await fixture<HTMLElement>(html`<div lang="de-AT"></div>`);
    const first = document.createElement(tag) as PlazaElement;
    const second = document.createElement(tag) as PlazaElement;
    container.append(first, second);
    await Promise.all([first.updateComplete, second.updateComplete]);
    expect([first, second].map((element) => getComputedStyle(element).visibility)).to.deep.equal(['hidden', 'hidden']);
    loader.settle.resolve({ 'poll.vote': 'Abstimmen' });
    await stringsArrived(first, second);
    expect([textOf(first), textOf(second)]).to.deep.equal(['Abstimmen', 'Abstimmen']);
    expect(loader.calls()).to.equal(1);
  });

  it('switches language when the page does, loading the new strings first', async () => {
    const loader = manualLoader();
    const tag = elementWith({ name: 'test-switch', en: { 'poll.vote': 'Vote' }, load: { de: loader.load } });
    const container = await fixture<HTMLElement>(`<div lang="en"><${tag}></${tag}></div>`);
    const element = container.firstElementChild as PlazaElement;
    await element.updateComplete;
    expect(textOf(element)).to.equal('Vote');
    container.lang = 'de';
    await nextFrame();
    expect(textOf(element)).to.equal('Vote');
    loader.settle.resolve({ 'poll.vote': 'Abstimmen' });
    await element.updateComplete;
    expect(textOf(element)).to.equal('Abstimmen');
  });

  it('shows English with a warning when the strings cannot be loaded (never a blank widget)', async () => {
    const loader = manualLoader();
    const tag = elementWith({ name: 'test-fail', en: { 'poll.vote': 'Vote' }, load: { de: loader.load } });
    const warnings: unknown[][] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      const container = await fixture<HTMLElement>(html`<div lang="de"></div>`);
      const element = document.createElement(tag) as PlazaElement;
      container.append(element);
      await element.updateComplete;
      loader.settle.reject(new Error('chunk failed to load'));
      await stringsArrived(element);
      expect(getComputedStyle(element).visibility).to.equal('visible');
      expect(textOf(element)).to.equal('Vote');
      expect(String(warnings[0]?.[0])).to.contain('could not be loaded');
    } finally {
      console.warn = warn;
    }
  });

  it('a language without a table shows English at once', async () => {
    const loader = manualLoader();
    const tag = elementWith({ name: 'test-fr', en: { 'poll.vote': 'Vote' }, load: { de: loader.load } });
    const element = await fixture<PlazaElement>(`<${tag} lang="fr"></${tag}>`);
    expect(textOf(element)).to.equal('Vote');
    expect(loader.calls()).to.equal(0);
  });
});
