import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { mountFeed, feedScenarios } from './fixtures/feed.ts';
import { groupScenarios, mountGroupCard } from './fixtures/groups.ts';
import { mountPoll, pollScenarios } from './fixtures/polls.ts';

/** One design token the editor offers, with the control that edits it. */
interface Token {
  name: `--plaza-${string}`;
  label: string;
  kind: 'color' | 'range' | 'select';
  /** The control's starting value (the light theme's default, for colours). */
  initial: string;
  min?: number;
  max?: number;
  step?: number;
  unit?: string;
  choices?: [value: string, label: string][];
}

const TOKENS: Token[] = [
  { name: '--plaza-color-accent', label: 'Accent', kind: 'color', initial: '#0b57d0' },
  { name: '--plaza-color-on-accent', label: 'Text on accent', kind: 'color', initial: '#ffffff' },
  { name: '--plaza-color-surface', label: 'Surface', kind: 'color', initial: '#ffffff' },
  { name: '--plaza-color-text', label: 'Text', kind: 'color', initial: '#1f2328' },
  { name: '--plaza-color-text-muted', label: 'Muted text', kind: 'color', initial: '#59636e' },
  { name: '--plaza-color-border', label: 'Border', kind: 'color', initial: '#d1d9e0' },
  { name: '--plaza-color-control-border', label: 'Control border', kind: 'color', initial: '#6e7781' },
  { name: '--plaza-color-danger', label: 'Danger', kind: 'color', initial: '#b3261e' },
  { name: '--plaza-color-success', label: 'Success', kind: 'color', initial: '#1a7f37' },
  { name: '--plaza-color-track', label: 'Track', kind: 'color', initial: '#e6eaef' },
  { name: '--plaza-color-focus', label: 'Focus ring', kind: 'color', initial: '#0b57d0' },
  { name: '--plaza-color-urgent-surface', label: 'Urgent surface', kind: 'color', initial: '#fdecea' },
  {
    name: '--plaza-radius',
    label: 'Radius',
    kind: 'range',
    initial: '0.5',
    min: 0,
    max: 1.5,
    step: 0.125,
    unit: 'rem',
  },
  {
    name: '--plaza-spacing',
    label: 'Spacing unit',
    kind: 'range',
    initial: '0.5',
    min: 0.25,
    max: 1,
    step: 0.125,
    unit: 'rem',
  },
  { name: '--plaza-density', label: 'Density', kind: 'range', initial: '1', min: 0.75, max: 1.25, step: 0.05 },
  // One step of the scale each (the defaults follow spacing and density until one is moved).
  ...([1, 2, 3, 4] as const).map((step): Token => ({
    name: `--plaza-space-${step}`,
    label: `Space ${step}`,
    kind: 'range',
    initial: String(step * 0.25),
    min: 0,
    max: 2,
    step: 0.125,
    unit: 'rem',
  })),
  {
    name: '--plaza-group-cover-height',
    label: 'Group cover height',
    kind: 'range',
    initial: '5',
    min: 3,
    max: 10,
    step: 0.5,
    unit: 'rem',
  },
  {
    name: '--plaza-font-family',
    label: 'Font',
    kind: 'select',
    initial: 'inherit',
    choices: [
      ['inherit', 'The page’s font (default)'],
      ['Georgia, "Times New Roman", serif', 'Serif (Georgia)'],
      ['"Segoe UI", system-ui, sans-serif', 'System UI'],
      ['ui-rounded, "Arial Rounded MT Bold", system-ui, sans-serif', 'Rounded'],
      ['ui-monospace, Consolas, monospace', 'Monospace'],
    ],
  },
  {
    name: '--plaza-font-size',
    label: 'Font size',
    kind: 'range',
    initial: '16',
    min: 13,
    max: 20,
    step: 1,
    unit: 'px',
  },
];

const valueOf = (token: Token, raw: string) => `${raw}${token.unit ?? ''}`;

/** The CSS an integrator copies: only the tokens that differ from the defaults. */
function cssFor(changed: Map<string, string>, theme: string): string {
  const lines = [...changed].map(([name, value]) => `  ${name}: ${value};`);
  const tokens = lines.length
    ? `/* On the page, or on any container around the widgets. */\n:root {\n${lines.join('\n')}\n}`
    : '/* Every token has its default: change one above. */';
  return theme === 'auto' ? tokens : `${tokens}\n\n<!-- and the theme: -->\n<plaza-config theme="${theme}" …>`;
}

function field(labelText: string, control: HTMLElement, id: string): HTMLElement {
  const wrapper = document.createElement('div');
  Object.assign(wrapper.style, { display: 'grid', gap: '0.25rem', fontSize: '0.875rem' });
  const label = document.createElement('label');
  label.htmlFor = id;
  label.textContent = labelText;
  control.id = id;
  wrapper.append(label, control);
  return wrapper;
}

/**
 * A live token editor: every control sets one custom property on the container of a real poll, group card and
 * feed (on the mock API), through `style.setProperty`, and the CSS to copy is shown below.
 */
function renderEditor(): HTMLElement {
  const root = document.createElement('div');
  Object.assign(root.style, { display: 'grid', gap: '1.25rem' });

  const editor = document.createElement('form');
  editor.setAttribute('aria-label', 'Design tokens');
  Object.assign(editor.style, {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(9.5rem, 1fr))',
    gap: '0.75rem 1rem',
    padding: '1rem',
    border: '1px solid #d1d9e0',
    borderRadius: '0.5rem',
  });
  editor.addEventListener('submit', (event) => event.preventDefault());

  const stage = document.createElement('div');
  Object.assign(stage.style, { display: 'grid', gap: '1rem', padding: '1rem', borderRadius: '0.5rem' });
  stage.setAttribute('role', 'region');
  stage.setAttribute('aria-label', 'Widgets with these tokens');

  const poll = mountPoll(pollScenarios.voted);
  const card = mountGroupCard(groupScenarios.member);
  const feed = mountFeed(feedScenarios.populated);
  const configs = [poll.config, card.config, feed.config];
  stage.append(...configs);

  const output = document.createElement('pre');
  Object.assign(output.style, {
    margin: '0',
    padding: '0.75rem 1rem',
    background: '#f6f8fa',
    color: '#1f2328',
    border: '1px solid #d1d9e0',
    borderRadius: '0.5rem',
    whiteSpace: 'pre-wrap',
    fontSize: '0.8125rem',
  });
  const code = document.createElement('code');
  output.append(code);

  const changed = new Map<string, string>();
  let theme = 'auto';
  const refresh = () => {
    code.textContent = cssFor(changed, theme);
  };

  for (const token of TOKENS) {
    let control: HTMLInputElement | HTMLSelectElement;
    if (token.kind === 'select') {
      control = document.createElement('select');
      for (const [value, label] of token.choices ?? []) control.add(new Option(label, value));
    } else {
      control = document.createElement('input');
      control.type = token.kind;
      if (token.kind === 'range') {
        control.min = String(token.min);
        control.max = String(token.max);
        control.step = String(token.step);
      }
    }
    control.value = token.initial;
    control.dataset.token = token.name;
    control.addEventListener('input', () => {
      const value = valueOf(token, control.value);
      if (control.value === token.initial) {
        stage.style.removeProperty(token.name);
        changed.delete(token.name);
      } else {
        stage.style.setProperty(token.name, value);
        changed.set(token.name, value);
      }
      if (token.kind === 'range') control.title = value;
      refresh();
    });
    editor.append(field(token.label, control, `token${token.name}`));
  }

  const themeSelect = document.createElement('select');
  for (const value of ['auto', 'light', 'dark']) themeSelect.add(new Option(value, value));
  themeSelect.addEventListener('change', () => {
    theme = themeSelect.value;
    for (const config of configs) config.theme = theme as 'auto' | 'light' | 'dark';
    stage.style.background = theme === 'dark' ? '#0d1117' : 'transparent';
    refresh();
  });
  editor.append(field('Theme', themeSelect, 'token-theme'));

  const reset = document.createElement('button');
  reset.type = 'button';
  reset.textContent = 'Reset to defaults';
  reset.style.alignSelf = 'end';
  reset.style.minHeight = '2rem';
  reset.addEventListener('click', () => {
    for (const control of editor.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[data-token]')) {
      const token = TOKENS.find((candidate) => candidate.name === control.dataset.token)!;
      control.value = token.initial;
      stage.style.removeProperty(token.name);
    }
    changed.clear();
    refresh();
  });
  editor.append(reset);

  const copy = document.createElement('button');
  copy.type = 'button';
  copy.textContent = 'Copy CSS';
  const copied = document.createElement('span');
  copied.setAttribute('role', 'status');
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(code.textContent ?? '');
      copied.textContent = ' Copied.';
    } catch {
      copied.textContent = ' Copying is blocked here: select the text and press Ctrl+C.';
    }
  });
  const copyRow = document.createElement('div');
  copyRow.append(copy, copied);

  const heading = (text: string) => {
    const h = document.createElement('h3');
    h.textContent = text;
    h.style.margin = '0';
    return h;
  };
  refresh();
  // The CSS right under the controls, so it stays in view while editing; the widgets follow.
  root.append(editor, heading('CSS to copy'), output, copyRow, stage);
  return root;
}

const meta: Meta = {
  title: 'Theming/Token editor',
  render: renderEditor,
  parameters: {
    docs: {
      description: {
        component:
          'Change the design tokens and see a real poll, group card and feed follow. Only the tokens you change appear in the CSS to copy. Every token, theme and part is documented in docs/theming.md.',
      },
    },
  },
};
export default meta;

export const TokenEditor: StoryObj = { name: 'Token editor' };
