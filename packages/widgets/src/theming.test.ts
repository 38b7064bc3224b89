import { expect, fixture, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { mountPoll, pollScenarios } from '../../../stories/fixtures/polls.ts';
import type { PlazaPoll } from './poll/poll.ts';
import tokenEditor from '../../../stories/theming.stories.ts';

// The design tokens of docs/theming.md reach into shadow DOM from any ancestor, and the defaults follow the page.

async function mountIn(container: HTMLElement, scenario: keyof typeof pollScenarios = 'open') {
  const { config, poll } = mountPoll(pollScenarios[scenario]);
  container.append(config);
  await fixture(container);
  await waitUntil(() => !!voteButton(poll), 'the poll did not show its Vote button');
  return poll;
}

// Playwright's emulateMedia takes forcedColors; the command's type does not list it yet.
const forced = (value: 'active' | 'none') =>
  emulateMedia({ forcedColors: value } as Parameters<typeof emulateMedia>[0]);

const voteButton = (poll: PlazaPoll) => poll.shadowRoot!.querySelector<HTMLButtonElement>('button.primary');
const surfaceOf = (poll: PlazaPoll) => getComputedStyle(poll.shadowRoot!.querySelector('[part~="base"]')!);

describe('theming tokens', () => {
  it('--plaza-color-accent and --plaza-color-on-accent on a container colour the Vote button', async () => {
    const container = document.createElement('div');
    container.style.setProperty('--plaza-color-accent', 'rgb(123, 44, 191)');
    container.style.setProperty('--plaza-color-on-accent', 'rgb(255, 250, 240)');
    const poll = await mountIn(container);
    const style = getComputedStyle(voteButton(poll)!);
    expect(style.backgroundColor).to.equal('rgb(123, 44, 191)');
    expect(style.color).to.equal('rgb(255, 250, 240)');
  });

  it('without tokens the default accent applies', async () => {
    const poll = await mountIn(document.createElement('div'));
    expect(getComputedStyle(voteButton(poll)!).backgroundColor).to.equal('rgb(11, 87, 208)');
  });

  it('radius, density and the page’s font reach the widget', async () => {
    const container = document.createElement('div');
    container.style.fontFamily = 'Georgia, serif';
    container.style.fontSize = '20px';
    container.style.setProperty('--plaza-radius', '0px');
    container.style.setProperty('--plaza-density', '1.25');
    const poll = await mountIn(container);
    const button = getComputedStyle(voteButton(poll)!);
    expect(button.borderTopLeftRadius).to.equal('0px');
    // 2.75rem × 1.25 at the root's 16 px.
    expect(button.minHeight).to.equal('55px');
    expect(getComputedStyle(poll).fontFamily).to.contain('Georgia');
    expect(getComputedStyle(poll).fontSize).to.equal('20px');
  });

  it('theme="dark" on <plaza-config> switches the default surface; a surface token still wins', async () => {
    const dark = await mountIn(document.createElement('div'), 'darkVoting');
    expect(surfaceOf(dark).backgroundColor).to.equal('rgb(22, 27, 34)');
    const container = document.createElement('div');
    container.style.setProperty('--plaza-color-surface', 'rgb(1, 2, 3)');
    const custom = await mountIn(container, 'darkVoting');
    expect(surfaceOf(custom).backgroundColor).to.equal('rgb(1, 2, 3)');
  });

  it('in forced colours (high contrast) result bars stay visible: filled with Highlight, track outlined', async () => {
    await forced('active');
    try {
      const { config, poll } = mountPoll(pollScenarios.voted);
      const probe = document.createElement('div');
      probe.style.setProperty('forced-color-adjust', 'none');
      probe.style.background = 'Highlight';
      const container = document.createElement('div');
      container.append(probe, config);
      await fixture(container);
      await waitUntil(() => poll.shadowRoot!.querySelector('.fill'), 'the poll did not show its results');
      expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
      const fill = getComputedStyle(poll.shadowRoot!.querySelector('.fill')!);
      expect(fill.backgroundColor).to.equal(getComputedStyle(probe).backgroundColor);
      expect(getComputedStyle(poll.shadowRoot!.querySelector('.bar')!).borderTopWidth).to.equal('1px');
    } finally {
      await forced('none');
    }
  });

  it('in forced colours the primary button keeps its Highlight / HighlightText pair, with no backplate', async () => {
    await forced('active');
    try {
      const probe = document.createElement('div');
      probe.style.setProperty('forced-color-adjust', 'none');
      probe.style.background = 'Highlight';
      probe.style.color = 'HighlightText';
      const container = document.createElement('div');
      container.append(probe);
      const poll = await mountIn(container);
      const button = getComputedStyle(voteButton(poll)!);
      expect(button.forcedColorAdjust).to.equal('none');
      expect(button.backgroundColor).to.equal(getComputedStyle(probe).backgroundColor);
      expect(button.color).to.equal(getComputedStyle(probe).color);
      expect(button.color).not.to.equal(button.backgroundColor);
    } finally {
      await forced('none');
    }
  });

  it('the Storybook token editor applies a token to the live widgets and prints the CSS to copy', async () => {
    const editor = await fixture<HTMLElement>((tokenEditor.render as () => HTMLElement)());
    const accent = editor.querySelector<HTMLInputElement>('input[data-token="--plaza-color-accent"]')!;
    accent.value = '#7b2cbf';
    accent.dispatchEvent(new Event('input', { bubbles: true }));
    const poll = editor.querySelector('plaza-poll')!;
    await waitUntil(() => poll.shadowRoot?.querySelector('[part~="base"]'), 'the poll did not render');
    expect(getComputedStyle(poll).getPropertyValue('--plaza-color-accent').trim()).to.equal('#7b2cbf');
    expect(editor.querySelector('code')!.textContent).to.contain('--plaza-color-accent: #7b2cbf;');
    expect(editor.querySelector('code')!.textContent).not.to.contain('--plaza-radius');
    // A control for every token docs/theming.md documents ("try every token live").
    // eslint-disable-next-line no-restricted-globals -- the test reads a docs file from its server, not API data
    const docs = await (await fetch('/docs/theming.md')).text();
    const documented = [...new Set([...docs.matchAll(/^\| `(--plaza-[\w-]+)`/gm)].map((match) => match[1]))].sort();
    expect(documented.length).to.be.greaterThan(20);
    const offered = [...editor.querySelectorAll<HTMLElement>('[data-token]')].map((control) => control.dataset.token);
    expect([...offered].sort()).to.deep.equal(documented);
    await expect(editor).to.be.accessible();
  });
});
