import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import type { Answer, Question, User } from '@plaza/contract';
import {
  alexUser,
  askExpertScenarios,
  mountAskExpert,
  type AskExpertScenario,
  type AskExpertScenarioName,
  type MountedAskExpert,
} from '../../../../stories/fixtures/ask-expert.ts';
import { manager, viewer } from '../../../../stories/fixtures/mock-api.ts';
import { PlazaAskExpert } from './ask-expert.ts';
import { PlazaAcceptEvent, PlazaAnswerEvent, PlazaAskEvent } from './events.ts';
import { questionsApi } from '@plaza/sdk/questions';

// ——— helpers ———

const root = (widget: PlazaAskExpert) => widget.shadowRoot!;
const $ = <T extends Element = HTMLElement>(widget: PlazaAskExpert, selector: string) =>
  root(widget).querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(widget: PlazaAskExpert, selector: string) => [
  ...root(widget).querySelectorAll<T>(selector),
];
const textOf = (element: Element | null | undefined) => (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
const widgetText = (widget: PlazaAskExpert) => textOf($(widget, '.base'));
const isLoaded = (widget: PlazaAskExpert) => !!$(widget, '.base') && !$(widget, '.skeleton');

function button(widget: PlazaAskExpert, label: string | RegExp, scope: ParentNode = root(widget)): HTMLButtonElement {
  const found = [...scope.querySelectorAll<HTMLButtonElement>('button')].find((b) =>
    typeof label === 'string' ? textOf(b) === label : label.test(textOf(b)),
  );
  if (!found) throw new Error(`no button "${label}" in: ${widgetText(widget)}`);
  return found;
}

async function mount(
  scenario: AskExpertScenarioName | AskExpertScenario,
  options: { width?: string; viewer?: User | null; api?: MountedAskExpert['api'] } = {},
): Promise<MountedAskExpert> {
  const mounted = mountAskExpert(typeof scenario === 'string' ? askExpertScenarios[scenario] : scenario, options);
  await fixture(html`<div style="max-width: ${options.width ?? '44rem'}">${mounted.config}</div>`);
  if (scenario !== 'loading') {
    await waitUntil(() => isLoaded(mounted.widget), 'the widget did not leave its loading state');
  }
  await mounted.widget.updateComplete;
  return mounted;
}

/** A real click at the element's centre. */
async function click(element: Element) {
  element.scrollIntoView({ block: 'center' });
  const box = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
}

const settled = async (widget: PlazaAskExpert) => {
  await waitUntil(() => $(widget, '.base')?.getAttribute('aria-busy') === 'false', 'the action did not finish');
  await widget.updateComplete;
};

const focused = (widget: PlazaAskExpert) => root(widget).activeElement as HTMLElement | null;
const describeElement = (element: Element | null | undefined) =>
  element ? `<${element.localName} id="${element.id}"> "${textOf(element).slice(0, 40)}"` : 'nothing';
/** Compares by identity and reports short descriptions (chai would diff, and hang on, two whole DOM trees). */
function expectFocusOn(widget: PlazaAskExpert, expected: Element | null) {
  const actual = focused(widget);
  expect(actual === expected, `focus is on ${describeElement(actual)}, expected ${describeElement(expected)}`).to.equal(
    true,
  );
}

/** Types into a field as a user would (focus, then real key presses). */
async function typeInto(widget: PlazaAskExpert, selector: string, text: string) {
  const field = $<HTMLInputElement | HTMLTextAreaElement>(widget, selector);
  if (!field) throw new Error(`no field ${selector}`);
  field.focus();
  await sendKeys({ type: text });
  await widget.updateComplete;
}

/** Sets a long value at once (typing 1,000 characters key by key is slow) and fires `input`. */
async function fill(widget: PlazaAskExpert, selector: string, value: string) {
  const field = $<HTMLInputElement | HTMLTextAreaElement>(widget, selector)!;
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await widget.updateComplete;
}

const toggleOf = (widget: PlazaAskExpert, scope: 'list' | 'similar', id: string) =>
  $<HTMLButtonElement>(widget, `[data-toggle="${scope}:${id}"]`);

async function openQuestion(widget: PlazaAskExpert, id: string, scope: 'list' | 'similar' = 'list') {
  const toggle = toggleOf(widget, scope, id);
  if (!toggle) throw new Error(`no question ${id} in: ${widgetText(widget)}`);
  await click(toggle);
  await waitUntil(
    () =>
      !!$(widget, `#thread-${scope}-${id} .thread`) && !textOf($(widget, `#thread-${scope}-${id}`)).includes('Loading'),
    `question ${id} did not open`,
  );
  return $(widget, `#thread-${scope}-${id}`)!;
}

const answerEl = (widget: PlazaAskExpert, id: string, scope = 'list') => $(widget, `#answer-${scope}-${id}`);
const storedAnswers = (mounted: MountedAskExpert, questionId: string) =>
  mounted.client.store.get<Answer[]>('questionAnswers', questionId)?.value;

afterEach(async () => {
  await resetMouse();
});

// ——— every state: what it shows, and axe ———

const expectations: Record<AskExpertScenarioName, { texts: string[]; check?: (widget: PlazaAskExpert) => void }> = {
  populated: {
    texts: ['Ask an expert: IT help', 'Ask a question', 'Ask anonymously', 'Moderators can still see', 'Experts'],
    check: (widget) => {
      expect($$(widget, '[role="tab"]').map(textOf)).to.deep.equal(['Recent', 'Unanswered', 'Mine']);
      expect($$(widget, '[part~="question"]')).to.have.length(4);
      expect(textOf($(widget, '[part~="experts"]'))).to.match(/Available/);
      expect(textOf($(widget, '[part~="experts"]'))).to.match(/Away until .+ not notified of new questions/);
      expect(widgetText(widget)).to.match(/Asked anonymously 5 hours ago/);
      expect(widgetText(widget)).to.match(/✓ Accepted answer/);
      expect(widgetText(widget)).to.match(/Overdue/);
    },
  },
  expert: {
    texts: ['waiting longer than the response target'],
    check: (widget) => {
      // The server (here the mock) lists escalated questions first for experts.
      expect(textOf($(widget, '[part~="question"] .question-title'))).to.equal(
        'Shared calendar invites show the wrong time zone',
      );
    },
  },
  moderator: {
    texts: ['Asked anonymously by Priya'],
  },
  empty: {
    texts: ['No questions yet — ask the first.'],
    check: (widget) => expect($$(widget, '[part~="question"]')).to.have.length(0),
  },
  loading: {
    texts: ['Loading questions…'],
    check: (widget) => {
      expect($(widget, '.skeleton')).not.to.equal(null);
      expect($(widget, '.skeleton')!.getBoundingClientRect().height).to.be.greaterThan(300);
    },
  },
  error: {
    texts: ['The questions could not be loaded.', 'Retry'],
  },
  signedOut: {
    texts: ['Sign in to ask a question'],
    check: (widget) => {
      expect($(widget, 'form.ask')).to.equal(null);
      expect($$(widget, '[role="tab"]').map(textOf)).to.deep.equal(['Recent', 'Unanswered']);
    },
  },
  notFound: { texts: ['These questions do not exist or are not visible to you.'] },
  forbidden: { texts: ['You do not have access to these questions.'] },
  sendFails: { texts: ['Post question'] },
  german: {
    texts: ['Expertenfragen: Solarservice', 'Anonym fragen', 'Fachleute', 'Neueste', 'Unbeantwortet', 'Meine'],
    check: (widget) => {
      expect(widgetText(widget)).to.match(/Erreichbar/);
      expect(widgetText(widget)).to.match(/✓ Akzeptierte Antwort/);
      expect(widgetText(widget)).to.match(/Gefragt von Ihnen vor 2 Stunden/);
    },
  },
  dark: {
    texts: ['Ask an expert: IT help'],
    check: (widget) => expect(getComputedStyle($(widget, '.base')!).colorScheme).to.equal('dark'),
  },
};

describe('<plaza-ask-expert> states', () => {
  for (const name of Object.keys(askExpertScenarios) as AskExpertScenarioName[]) {
    it(`${askExpertScenarios[name].title}: shows what it should and passes axe`, async () => {
      const { widget } = await mount(name);
      if (name === 'loading') await aTimeout(50);
      for (const text of expectations[name].texts) expect(widgetText(widget)).to.include(text);
      expectations[name].check?.(widget);
      await expect(widget).to.be.accessible();
    });
  }

  it('error: Retry loads the list once the server is back, and focus goes to the selected tab', async () => {
    const { widget, api } = await mount('error');
    api.options.overrides = {};
    await click(button(widget, 'Retry'));
    await waitUntil(() => $$(widget, '[part~="question"]').length === 4, 'the list did not load');
    expect(focused(widget)?.id).to.equal('tab-recent');
  });

  it('without a client it says so after a grace period', async () => {
    const widget = await fixture<PlazaAskExpert>(html`<plaza-ask-expert topic="it-help"></plaza-ask-expert>`);
    await waitUntil(() => widgetText(widget).includes('not connected'), 'no not-configured message', { timeout: 4000 });
    await expect(widget).to.be.accessible();
  });

  it('at 320 px nothing overflows', async () => {
    await setViewport({ width: 320, height: 800 });
    try {
      const { widget } = await mount('populated', { width: '320px' });
      await openQuestion(widget, 'q-vpn');
      const base = $(widget, '.base')!;
      expect(base.scrollWidth).to.be.at.most(base.clientWidth + 1);
      await expect(widget).to.be.accessible();
    } finally {
      await setViewport({ width: 1280, height: 800 });
    }
  });
});

describe('<plaza-ask-expert> in a narrow column (188 px) in German', () => {
  it('keeps the ask form inside the widget when similar questions (with their badges) appear', async () => {
    await setViewport({ width: 320, height: 800 });
    try {
      // As in the demo's German page: the widget in a sidebar column of a 320 px screen.
      const { widget } = await mount('german', { width: '188px' });
      await typeInto(widget, '#ask-title', 'Wechselrichter Fehler');
      await waitUntil(() => textOf($(widget, '[part~="similar"]')).includes('Akzeptierte Antwort'), 'no similar');
      const base = $(widget, '.base')!.getBoundingClientRect();
      for (const part of ['.ask', '[part~="similar"]', '#ask-title']) {
        expect($(widget, part)!.getBoundingClientRect().right, part).to.be.at.most(base.right + 0.5);
      }
      expect(document.documentElement.scrollWidth).to.be.at.most(320);
    } finally {
      await setViewport({ width: 1280, height: 800 });
    }
  });
});

describe('<plaza-ask-expert> when the server refuses one tag', () => {
  it('marks the tags field for a `tags.1` field error, keeps the text and focuses it', async () => {
    const { widget, api } = await mount('populated');
    api.options.overrides = {
      ask: { status: 400, code: 'validation_failed', fields: { 'tags.1': ['Too long'] } },
    };
    await typeInto(widget, '#ask-title', 'Where is the VPN client for Linux?');
    await typeInto(widget, '#ask-tags', 'vpn, linux');
    await click(button(widget, 'Post question'));
    await waitUntil(() => $(widget, '#ask-tags-error'), 'the tags field was not marked');
    expect($(widget, '#ask-tags')!.getAttribute('aria-invalid')).to.equal('true');
    expect($<HTMLInputElement>(widget, '#ask-tags')!.value).to.equal('vpn, linux');
  });
});

describe('<plaza-ask-expert> when the person changes', () => {
  it("drops the previous person's unsent question, answer drafts and errors on a user switch", async () => {
    const { widget, api, client } = await mount('populated');
    await typeInto(widget, '#ask-title', 'Is my salary visible to HR?');
    await typeInto(widget, '#ask-details', 'Asking for myself');
    await waitUntil(() => ($<HTMLInputElement>(widget, '#ask-title')?.value ?? '') !== '');
    api.options.viewer = { ...viewer, id: 'u-next', name: 'Next Person' };
    client.reset();
    await waitUntil(
      () =>
        client.store.get<User>('me', 'current')?.value?.id === 'u-next' &&
        isLoaded(widget) &&
        !!$(widget, '#ask-title'),
      'the form did not come back for the next person',
    );
    await widget.updateComplete;
    expect($<HTMLInputElement>(widget, '#ask-title')!.value).to.equal('');
    // The details field shows once a title is typed; if it is there, it is empty too.
    expect($<HTMLTextAreaElement>(widget, '#ask-details')?.value ?? '').to.equal('');
    await typeInto(widget, '#ask-title', 'My own question');
    await waitUntil(() => $(widget, '#ask-details'));
    expect($<HTMLTextAreaElement>(widget, '#ask-details')!.value).to.equal('');
  });
});

// ——— find before ask ———

describe('<plaza-ask-expert> similar questions', () => {
  it('shows similar questions while the title is typed (debounced), with their state, and opens one inline', async () => {
    const { widget, api } = await mount('populated');
    await typeInto(widget, '#ask-title', 'printer blank');
    await waitUntil(() => textOf($(widget, '.similar-summary')).length > 0, 'no similar summary');
    const searches = api.requests.filter((r) => r.path === '/v1/questions/similar');
    expect(searches.length, 'one search after the typing pause, not one per key').to.equal(1);
    expect(new URLSearchParams(searches[0]!.search).get('q')).to.equal('printer blank');
    expect(new URLSearchParams(searches[0]!.search).get('topic')).to.equal('it-help');
    expect(textOf($(widget, '.similar-summary'))).to.equal('1 similar question');
    expect($(widget, '.similar-summary')!.getAttribute('aria-live')).to.equal('polite');
    expect(textOf($(widget, '[part~="similar"] .question-meta'))).to.include('2 answers');
    await expect(widget).to.be.accessible();

    const thread = await openQuestion(widget, 'q-printer', 'similar');
    expect(textOf(thread)).to.include('The toner was swapped on Friday');
    expect(toggleOf(widget, 'similar', 'q-printer')!.getAttribute('aria-expanded')).to.equal('true');
    expect($(widget, '#ask-title')!.matches('input')).to.equal(true);
    expect(($(widget, '#ask-title') as HTMLInputElement).value, 'the draft stays').to.equal('printer blank');
    await expect(widget).to.be.accessible();
  });

  it('reports "No similar questions yet." and shows the accepted state of a match', async () => {
    const { widget } = await mount('populated');
    await typeInto(widget, '#ask-title', 'zebra quantum');
    await waitUntil(() => textOf($(widget, '.similar-summary')) === 'No similar questions yet.', 'no empty summary');
    await fill(widget, '#ask-title', 'VPN disconnects');
    await waitUntil(() => textOf($(widget, '.similar-summary')) === '1 similar question', 'no VPN match');
    expect(textOf($(widget, '[part~="similar"] .question-meta'))).to.include('✓ Accepted answer');
  });

  it('tolerates odd input: quotes, operators, umlauts and 1,000 characters', async () => {
    const { widget } = await mount('populated');
    for (const draft of ['"printer" OR 1=1 --', 'Größe ÄÖÜ ß', 'x'.repeat(1000)]) {
      await fill(widget, '#ask-title', draft);
      await waitUntil(
        () =>
          $(widget, '[part~="similar"]')?.classList.contains('shown') && !widgetText(widget).includes('Looking for'),
        `no answer for ${draft.slice(0, 10)}`,
      );
      expect(widgetText(widget)).not.to.include('could not be loaded');
    }
  });
});

// ——— ask ———

describe('<plaza-ask-expert> asking', () => {
  it('refuses an empty or over-long title with a clear message, keeping what was typed', async () => {
    const { widget, api } = await mount('populated');
    await click(button(widget, 'Post question'));
    await widget.updateComplete;
    expect(textOf($(widget, '#ask-title-error'))).to.equal('Please write your question.');
    expect(focused(widget)?.id).to.equal('ask-title');
    expect($(widget, '#ask-title')!.getAttribute('aria-invalid')).to.equal('true');
    await expect(widget).to.be.accessible();
    await fill(widget, '#ask-title', '\u200b\u2800');
    await click(button(widget, 'Post question'));
    await widget.updateComplete;
    expect(textOf($(widget, '#ask-title-error')), 'nothing visible is empty').to.equal('Please write your question.');

    const long = 'Why '.repeat(52); // 208 characters, 207 after trimming
    await fill(widget, '#ask-title', long);
    expect(textOf($(widget, '#ask-title-count'))).to.include('207/200');
    await click(button(widget, 'Post question'));
    await widget.updateComplete;
    expect(textOf($(widget, '#ask-title-error'))).to.equal(
      'Your question is 7 characters too long: at most 200. Put the rest in the details.',
    );
    expect(($(widget, '#ask-title') as HTMLInputElement).value).to.equal(long);
    expect(api.requests.filter((r) => r.method === 'POST')).to.have.length(0);
  });

  it('asks with details and tags: plaza-ask fires, the form clears, the question tops the list, open', async () => {
    const { widget, config, api } = await mount('populated');
    const events: PlazaAskEvent[] = [];
    config.addEventListener('plaza-ask', (event) => events.push(event));
    await typeInto(widget, '#ask-title', 'Teams asks me to sign in every morning');
    await typeInto(widget, '#ask-details', 'On the **clinic laptop**.');
    await typeInto(widget, '#ask-tags', 'Teams, login');
    await click(button(widget, 'Post question'));
    await settled(widget);
    expect(events).to.have.length(1);
    expect(events[0]).to.be.instanceOf(PlazaAskEvent);
    expect(events[0]!.bubbles && events[0]!.composed).to.equal(true);
    expect(events[0]!.question.title).to.equal('Teams asks me to sign in every morning');
    const sent = api.requests.find((r) => r.method === 'POST')!.body as Record<string, unknown>;
    expect(sent).to.deep.include({
      topic: 'it-help',
      tags: ['teams', 'login'],
      anonymous: false,
      body: 'On the **clinic laptop**.',
    });
    expect(($(widget, '#ask-title') as HTMLInputElement).value).to.equal('');
    const first = $(widget, '[part~="question"] .question-title');
    expect(textOf(first)).to.equal('Teams asks me to sign in every morning');
    await waitUntil(
      () => focused(widget)?.dataset.toggle === `list:${events[0]!.question.id}`,
      'focus is not on the new question',
    );
    expect(textOf($(widget, `#thread-list-${events[0]!.question.id}`))).to.include('clinic laptop');
    expect(textOf($(widget, '[part~="status"]'))).to.equal('Question posted');
    await expect(widget).to.be.accessible();
  });

  it('named and anonymous: a peer does not see the asker’s name, a moderator does', async () => {
    const asker = await mount('populated');
    const { widget, api } = asker;
    // Named.
    await typeInto(widget, '#ask-title', 'Where do I order a second monitor?');
    await click(button(widget, 'Post question'));
    await settled(widget);
    // Anonymous: the statement is there before posting.
    await typeInto(widget, '#ask-title', 'Is my screen being recorded at work?');
    const checkbox = $<HTMLInputElement>(widget, '#ask-anonymous')!;
    expect(textOf($(widget, `#${checkbox.getAttribute('aria-describedby')}`))).to.equal(
      'Colleagues will not see your name on this question. Moderators can still see that you asked it. Answers are never anonymous.',
    );
    await click(checkbox);
    await widget.updateComplete;
    expect(widgetText(widget)).to.include('Posting anonymously: colleagues will not see your name; moderators will.');
    await click(button(widget, 'Post question'));
    await settled(widget);
    const mine = $$(widget, '[part~="question"]')
      .slice(0, 2)
      .map((item) => textOf(item.querySelector('.asker')));
    expect(mine[0]).to.match(/^Asked anonymously by you .* \(only you and moderators see the name\)$/);
    expect(mine[1]).to.match(/^Asked by you/);

    // The same server seen by a colleague and by a moderator.
    const peer = await mount('populated', { api, viewer: { ...viewer, id: 'u-peer', name: 'Pat Peer' } });
    const peerItems = $$(peer.widget, '[part~="question"]');
    const askerOf = (items: HTMLElement[], title: string) =>
      textOf(items.find((item) => textOf(item.querySelector('.question-title')) === title)?.querySelector('.asker'));
    expect(askerOf(peerItems, 'Is my screen being recorded at work?')).to.match(/^Asked anonymously [^b]/);
    expect(askerOf(peerItems, 'Where do I order a second monitor?')).to.match(/^Asked by Robin Fischer/);

    const moderator = await mount('populated', { api, viewer: manager });
    expect(askerOf($$(moderator.widget, '[part~="question"]'), 'Is my screen being recorded at work?')).to.match(
      /^Asked anonymously by Robin Fischer/,
    );
    await expect(peer.widget).to.be.accessible();
  });

  it('a failed send keeps the text with Retry; the retry reuses the key and the question exists once', async () => {
    const { widget, api } = await mount('sendFails');
    const title = 'Can I use my own headset in Teams calls?';
    await typeInto(widget, '#ask-title', title);
    await typeInto(widget, '#ask-details', 'A USB one from home.');
    await click(button(widget, 'Post question'));
    await settled(widget);
    expect(widgetText(widget)).to.include('Your question was not posted. Your text is still here.');
    expect(($(widget, '#ask-title') as HTMLInputElement).value).to.equal(title);
    expect(($(widget, '#ask-details') as HTMLTextAreaElement).value).to.equal('A USB one from home.');
    expect(api.countTitled(title), 'the server did store it').to.equal(1);
    await expect(widget).to.be.accessible();

    api.options.overrides = {};
    await click(button(widget, 'Retry'));
    await settled(widget);
    expect(api.countTitled(title)).to.equal(1);
    const posts = api.requests.filter((r) => r.method === 'POST' && r.path === '/v1/questions');
    expect(posts).to.have.length(2);
    const titles = $$(widget, '[part~="question"] .question-title').map(textOf);
    expect(titles.filter((t) => t === title)).to.have.length(1);
    expect(($(widget, '#ask-title') as HTMLInputElement).value).to.equal('');
  });
});

// ——— answers, votes, accept ———

describe('<plaza-ask-expert> answering', () => {
  it('opens a question inline (disclosure) with accepted answer first and expert badges', async () => {
    const { widget } = await mount('populated');
    const toggle = toggleOf(widget, 'list', 'q-vpn')!;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    const thread = await openQuestion(widget, 'q-vpn');
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(toggle.getAttribute('aria-controls')).to.equal(thread.id);
    const answers = [...thread.querySelectorAll('[part~="answer"]')];
    expect(textOf(answers[0]!.querySelector('.answer-head'))).to.match(/^Alex Morgan Expert ✓ Accepted/);
    expect(textOf(answers[1]!.querySelector('.answer-head'))).to.match(/^Sam \S+ Expert/);
    expect(answers[0]!.querySelector('code')?.textContent).to.equal('5.2.1');
    expect(answers[0]!.querySelector('em')?.textContent).to.equal('Company Portal');
    await expect(widget).to.be.accessible();
  });

  it('answers: plaza-answer fires, the answer appears and gets focus; empty is refused', async () => {
    const { widget, config } = await mount('populated');
    const events: PlazaAnswerEvent[] = [];
    config.addEventListener('plaza-answer', (event) => events.push(event));
    const thread = await openQuestion(widget, 'q-calendar');
    await click(button(widget, 'Post answer', thread));
    await widget.updateComplete;
    expect(textOf(thread.querySelector('.field-error'))).to.equal('Please write your answer.');
    await typeInto(widget, '#answer-input-list-q-calendar', 'Set the calendar to **Europe/Berlin**.');
    await click(button(widget, 'Post answer', thread));
    await settled(widget);
    expect(events).to.have.length(1);
    expect(events[0]!.questionId).to.equal('q-calendar');
    const answer = answerEl(widget, events[0]!.answer.id)!;
    expect(textOf(answer)).to.include('Set the calendar to Europe/Berlin.');
    expect(answer.querySelector('strong')?.textContent).to.equal('Europe/Berlin');
    expectFocusOn(widget, answer);
    expect(textOf($(widget, '[part~="question"]:has([data-toggle="list:q-calendar"]) .question-meta'))).to.include(
      '1 answer',
    );
    await expect(widget).to.be.accessible();
  });

  it('upvotes and takes the vote back (toggle, aria-pressed), optimistically', async () => {
    const mounted = await mount('populated');
    const { widget } = mounted;
    await openQuestion(widget, 'q-vpn');
    const vote = () => $<HTMLButtonElement>(widget, '[data-vote="list:a-vpn-router"]')!;
    expect(vote().getAttribute('aria-pressed')).to.equal('false');
    expect(textOf(answerEl(widget, 'a-vpn-router')!.querySelector('.votes'))).to.equal('1 vote');
    await click(vote());
    await settled(widget);
    expect(vote().getAttribute('aria-pressed')).to.equal('true');
    expect(textOf(answerEl(widget, 'a-vpn-router')!.querySelector('.votes'))).to.equal('2 votes');
    expectFocusOn(widget, vote());
    expect(mounted.api.view('q-vpn')!.answers.find((a) => a.id === 'a-vpn-router')!.votes).to.equal(2);
    await click(vote());
    await settled(widget);
    expect(vote().getAttribute('aria-pressed')).to.equal('false');
    expect(storedAnswers(mounted, 'q-vpn')!.find((a) => a.id === 'a-vpn-router')!.votes).to.equal(1);
  });

  it('a refused vote rolls back and says why', async () => {
    const { widget, api } = await mount('populated');
    await openQuestion(widget, 'q-vpn');
    api.options.overrides = { vote: { status: 429, code: 'rate_limited' } };
    await click($(widget, '[data-vote="list:a-vpn-router"]')!);
    await settled(widget);
    expect($(widget, '[data-vote="list:a-vpn-router"]')!.getAttribute('aria-pressed')).to.equal('false');
    expect(textOf($(widget, '[part~="error"]'))).to.equal('Too many requests. Please try again in a moment.');
  });

  it('the asker accepts an answer: plaza-accept fires, the mark moves, focus goes to the accepted answer', async () => {
    const { widget, config } = await mount('populated');
    const events: PlazaAcceptEvent[] = [];
    config.addEventListener('plaza-accept', (event) => events.push(event));
    const thread = await openQuestion(widget, 'q-printer');
    expect(thread.querySelectorAll('[data-accept]')).to.have.length(2);
    await click(thread.querySelector('[data-accept="list:a-printer-toner"]')!);
    await settled(widget);
    expect(events.map((e) => [e.questionId, e.answerId])).to.deep.equal([['q-printer', 'a-printer-toner']]);
    expect(textOf(answerEl(widget, 'a-printer-toner')!.querySelector('.answer-head'))).to.include('✓ Accepted');
    expectFocusOn(widget, answerEl(widget, 'a-printer-toner'));
    expect(textOf($(widget, '[part~="question"]:has([data-toggle="list:q-printer"]) .question-meta'))).to.include(
      '✓ Accepted answer',
    );
    await expect(widget).to.be.accessible();
  });

  it('a topic expert may accept on someone’s question; a peer may not (no button)', async () => {
    const expert = await mount('populated', { viewer: alexUser });
    const thread = await openQuestion(expert.widget, 'q-printer');
    expect(thread.querySelectorAll('[data-accept]')).to.have.length(2);
    const peer = await mount('populated', { api: expert.api, viewer: { ...viewer, id: 'u-peer' } });
    const peerThread = await openQuestion(peer.widget, 'q-printer');
    expect(peerThread.querySelectorAll('[data-accept]')).to.have.length(0);
  });

  it('signed out: threads are readable, with vote counts but no vote buttons and a sign-in hint', async () => {
    const { widget } = await mount('signedOut');
    const thread = await openQuestion(widget, 'q-vpn');
    expect(thread.querySelectorAll('[data-vote]')).to.have.length(0);
    expect(textOf(thread)).to.include('3 votes');
    expect(textOf(thread)).to.include('Sign in to answer.');
    await expect(widget).to.be.accessible();
  });

  it('a realtime answer from someone else reaches an open thread', async () => {
    const mounted = await mount('populated');
    const { widget, api } = mounted;
    await openQuestion(widget, 'q-calendar');
    await waitUntil(() => api.openStreams > 0, 'no event stream');
    const other = mountAskExpert(askExpertScenarios.populated, { api, viewer: alexUser });
    const answer = await questionsApi(other.client).answer('q-calendar', 'Fixed on the server side.');
    api.emit('answer.created', answer.id);
    api.emit('question.updated', 'q-calendar');
    await waitUntil(() => !!answerEl(widget, answer.id), 'the answer did not arrive');
    expect(textOf(answerEl(widget, answer.id))).to.include('Fixed on the server side.');
  });
});

// ——— tabs and keyboard ———

describe('<plaza-ask-expert> keyboard', () => {
  it('tabs follow the ARIA pattern: arrows, Home and End move and select; one tab stop', async () => {
    const { widget, api } = await mount('populated');
    const tab = (name: string) => $(widget, `#tab-${name}`)!;
    expect(tab('recent').getAttribute('tabindex')).to.equal('0');
    expect(tab('unanswered').getAttribute('tabindex')).to.equal('-1');
    tab('recent').focus();
    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => $$(widget, '[part~="question"]').length === 2, 'unanswered did not load');
    expectFocusOn(widget, tab('unanswered'));
    expect(tab('unanswered').getAttribute('aria-selected')).to.equal('true');
    expect(new URLSearchParams(api.requests.at(-1)!.search).get('filter')).to.equal('unanswered');
    await sendKeys({ press: 'End' });
    await waitUntil(() => $$(widget, '[part~="question"]').length === 1, 'mine did not load');
    expectFocusOn(widget, tab('mine'));
    expect(textOf($(widget, '.question-title'))).to.equal('Third-floor printer prints blank pages');
    await sendKeys({ press: 'ArrowRight' });
    expectFocusOn(widget, tab('recent'));
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ press: 'Home' });
    expectFocusOn(widget, tab('recent'));
    expect($(widget, '[role="tabpanel"]')!.getAttribute('aria-labelledby')).to.equal('tab-recent');
    await expect(widget).to.be.accessible();
  });

  it('keyboard only: find a similar question, open it, upvote, then ask anonymously and answer', async () => {
    const { widget, api } = await mount('populated');
    $<HTMLInputElement>(widget, '#ask-title')!.focus();
    await sendKeys({ type: 'VPN disconnects' });
    await waitUntil(() => textOf($(widget, '.similar-summary')) === '1 similar question', 'no similar question');
    // Title → the similar question's toggle.
    await sendKeys({ press: 'Tab' });
    expect(focused(widget)?.dataset.toggle).to.equal('similar:q-vpn');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !!answerEl(widget, 'a-vpn-router', 'similar'), 'the similar question did not open');
    // Through the thread to the first vote button (Alex's accepted answer comes first).
    const vote = $<HTMLButtonElement>(widget, '[data-vote="similar:a-vpn-client"]')!;
    for (let i = 0; i < 5 && focused(widget) !== vote; i++) await sendKeys({ press: 'Tab' });
    expectFocusOn(widget, vote);
    await sendKeys({ press: 'Space' });
    await settled(widget);
    expect(vote.getAttribute('aria-pressed')).to.equal('true');

    // Back to the title: ask anonymously with the keyboard.
    $<HTMLInputElement>(widget, '#ask-title')!.focus();
    await sendKeys({ press: 'ControlOrMeta+a' });
    await sendKeys({ type: 'Who approves software installs?' });
    $<HTMLInputElement>(widget, '#ask-anonymous')!.focus();
    await sendKeys({ press: 'Space' });
    await widget.updateComplete;
    expect($<HTMLInputElement>(widget, '#ask-anonymous')!.checked).to.equal(true);
    await sendKeys({ press: 'Tab' });
    expect(textOf(focused(widget))).to.equal('Post question');
    await sendKeys({ press: 'Enter' });
    await settled(widget);
    const sent = api.requests.filter((r) => r.method === 'POST' && r.path === '/v1/questions').at(-1)!.body as {
      anonymous: boolean;
      title: string;
    };
    expect(sent).to.deep.include({ anonymous: true, title: 'Who approves software installs?' });
    // Focus is on the new question, which is open: Tab into its answer form and answer it.
    await waitUntil(
      () => focused(widget)?.dataset.toggle?.startsWith('list:q-new') === true,
      'focus not on new question',
    );
    const id = focused(widget)!.dataset.toggle!.slice('list:'.length);
    for (let i = 0; i < 6 && focused(widget)?.id !== `answer-input-list-${id}`; i++) await sendKeys({ press: 'Tab' });
    expect(focused(widget)?.id).to.equal(`answer-input-list-${id}`);
    await sendKeys({ type: 'Your line manager, then IT.' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await settled(widget);
    const answered = api.view(id)!;
    expect(answered.answers.map((a) => a.body.source)).to.deep.equal(['Your line manager, then IT.']);
    expect(focused(widget)?.getAttribute('part')).to.equal('answer');
  });
});

// ——— German ———

describe('<plaza-ask-expert> in German', () => {
  it('finds "Wechselrichters" for "Wechselrichter", in German strings, and accepts in German', async () => {
    const { widget } = await mount('german');
    await typeInto(widget, '#ask-title', 'Wechselrichter');
    await waitUntil(() => /ähnliche Fragen?$/.test(textOf($(widget, '.similar-summary'))), 'no German summary');
    expect(textOf($(widget, '.similar-summary'))).to.equal('2 ähnliche Fragen');
    const titles = $$(widget, '[part~="similar"] .question-title').map(textOf);
    expect(titles).to.include('Display des Wechselrichters bleibt nach der Wartung dunkel');
    await click(button(widget, 'Frage stellen'));
    await settled(widget);
    expect(widgetText(widget)).to.include('Frage gestellt');
    await fill(widget, '#ask-title', '');
    await click(button(widget, 'Frage stellen'));
    await widget.updateComplete;
    expect(textOf($(widget, '#ask-title-error'))).to.equal('Bitte schreiben Sie Ihre Frage.');
    const thread = await openQuestion(widget, 'q-301');
    expect(textOf(thread)).to.include('Fachperson');
    expect(textOf(thread)).to.include('2 Stimmen');
    await expect(widget).to.be.accessible();
  });
});

// ——— pages ———

describe('<plaza-ask-expert> pages', () => {
  it('"Show more questions" appends the next page and focuses its first question', async () => {
    const scenario = {
      ...askExpertScenarios.populated,
      api: () => ({ ...askExpertScenarios.populated.api(), pageSize: 3 }),
    };
    const { widget, api } = await mount(scenario);
    expect($$(widget, '[part~="question"]')).to.have.length(3);
    await click(button(widget, 'Show more questions'));
    await waitUntil(() => $$(widget, '[part~="question"]').length === 4, 'the next page did not load');
    expect(new URLSearchParams(api.requests.at(-1)!.search).get('cursor')).to.equal('3');
    await waitUntil(() => focused(widget)?.dataset.toggle === 'list:q-vpn', 'focus is not on the first new question');
    expect($$(widget, 'button').some((b) => textOf(b) === 'Show more questions')).to.equal(false);
    await expect(widget).to.be.accessible();
  });
});

// ——— data arriving later ———

describe('<plaza-ask-expert> store', () => {
  it('shows a question asked on another page (realtime) once, on top', async () => {
    const { widget, api } = await mount('populated');
    await waitUntil(() => api.openStreams > 0, 'no event stream');
    const other = mountAskExpert(askExpertScenarios.populated, { api, viewer: alexUser });
    const asked = await questionsApi(other.client).ask({ topic: 'it-help', title: 'Password reset link expired' });
    api.emit('question.created', asked.id);
    api.emit('question.created', asked.id);
    await waitUntil(
      () => textOf($(widget, '[part~="question"] .question-title')) === 'Password reset link expired',
      'the new question did not appear',
    );
    await aTimeout(50);
    const titles = $$(widget, '[part~="question"] .question-title').map(textOf);
    expect(titles.filter((t) => t === 'Password reset link expired')).to.have.length(1);
    const stored = (await questionsApi(other.client).get(asked.id)) as Question;
    expect(stored.author?.id).to.equal(alexUser.id);
  });
});
