import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import type { Poll } from '@plaza/contract';
import {
  mountPoll,
  pollScenarios,
  type MountedPoll,
  type PollScenario,
  type PollScenarioName,
} from '../../../../stories/fixtures/polls.ts';
import { viewer } from '../../../../stories/fixtures/mock-api.ts';
import { PlazaBeforeVoteEvent, PlazaPollCloseEvent, PlazaVoteEvent } from './events.ts';
import { PlazaPoll } from './poll.ts';

// ——— helpers ———

const root = (poll: PlazaPoll) => poll.shadowRoot!;
const $ = <T extends Element = HTMLElement>(poll: PlazaPoll, selector: string) => root(poll).querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(poll: PlazaPoll, selector: string) => [
  ...root(poll).querySelectorAll<T>(selector),
];
/** Visible text of the widget, whitespace collapsed. */
const textOf = (element: Element | null) => (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
const pollText = (poll: PlazaPoll) => textOf($(poll, '.base'));
const isLoaded = (poll: PlazaPoll) => !!$(poll, '.base') && !$(poll, '.skeleton');

function button(poll: PlazaPoll, label: string | RegExp): HTMLButtonElement {
  const found = $$<HTMLButtonElement>(poll, 'button').find((b) =>
    typeof label === 'string' ? textOf(b) === label : label.test(textOf(b)),
  );
  if (!found) throw new Error(`no button "${label}" in: ${pollText(poll)}`);
  return found;
}
const hasButton = (poll: PlazaPoll, label: string) => $$(poll, 'button').some((b) => textOf(b) === label);

function input(poll: PlazaPoll, label: string): HTMLInputElement {
  const option = $$(poll, 'label.option').find((l) => textOf(l) === label);
  const found = option?.querySelector('input');
  if (!found) throw new Error(`no option "${label}"`);
  return found;
}

/** "Tuesday, 10:00" → "42%, 5 votes" */
function resultOf(poll: PlazaPoll, label: string): string {
  const result = $$(poll, '[part~="result"]').find((r) => textOf(r.querySelector('.result-label')).startsWith(label));
  if (!result) throw new Error(`no result "${label}" in: ${pollText(poll)}`);
  return textOf(result.querySelector('.result-numbers'));
}

async function mount(
  scenario: PollScenarioName | PollScenario,
  options: { width?: string } = {},
): Promise<MountedPoll> {
  const mounted = mountPoll(typeof scenario === 'string' ? pollScenarios[scenario] : scenario);
  await fixture(html`<div style="max-width: ${options.width ?? '36rem'}">${mounted.config}</div>`);
  if (scenario !== 'loading') await waitUntil(() => isLoaded(mounted.poll), 'the poll did not leave its loading state');
  await mounted.poll.updateComplete;
  return mounted;
}

/** A real click at the element's centre (Playwright moves the mouse and presses it). */
async function click(element: Element) {
  element.scrollIntoView({ block: 'center' });
  const box = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
}

const settled = async (poll: PlazaPoll) => {
  await waitUntil(() => $(poll, '.base')?.getAttribute('aria-busy') === 'false', 'the action did not finish');
  await poll.updateComplete;
};

const focused = (poll: PlazaPoll) => root(poll).activeElement as HTMLElement | null;
const describeElement = (element: Element | null | undefined) =>
  element ? `<${element.localName}> "${textOf(element) || (element as HTMLInputElement).value || ''}"` : 'nothing';
/** Compares by identity and reports short descriptions (chai would diff two whole DOM trees). */
function expectFocusOn(poll: PlazaPoll, expected: Element | null) {
  const actual = focused(poll);
  expect(actual === expected, `focus is on ${describeElement(actual)}, expected ${describeElement(expected)}`).to.equal(
    true,
  );
}
const storedPoll = (mounted: MountedPoll) => mounted.client.store.get<Poll>('poll', mounted.poll.pollId)?.value;

afterEach(async () => {
  await resetMouse();
});

// ——— every state: what it shows, and axe ———

/** What each fixture state must show: strings in the widget's text, and the checks that define the state. */
const expectations: Record<PollScenarioName, { texts: string[]; check?: (poll: PlazaPoll) => void }> = {
  open: {
    texts: ['Which day suits the quarterly town hall', 'Public votes', 'Closes in 3 days', 'Choose one', '11 votes'],
    check: (poll) => {
      expect($$(poll, 'input[type="radio"]')).to.have.length(3);
      expect(hasButton(poll, 'Vote')).to.equal(true);
      expect(hasButton(poll, 'Show results')).to.equal(true);
    },
  },
  voted: {
    texts: ['Your vote', '12 votes', 'Change vote', 'Retract vote'],
    check: (poll) => {
      expect(resultOf(poll, 'Tuesday')).to.equal('42%, 5 votes');
      expect(resultOf(poll, 'Wednesday')).to.equal('33%, 4 votes');
      expect(resultOf(poll, 'Thursday')).to.equal('25%, 3 votes');
      expect(textOf($(poll, '.mine-result .result-label'))).to.equal('Wednesday, 14:00 Your vote');
      expect($$(poll, '[part~="bar"]').every((bar) => bar.getAttribute('aria-hidden') === 'true')).to.equal(true);
      expect($$(poll, 'details[part~="voters"]')).to.have.length(3);
    },
  },
  multiple: {
    texts: ['Choose up to 2', '8 votes'],
    check: (poll) => {
      expect($$(poll, 'input[type="checkbox"]')).to.have.length(4);
      expect(hasButton(poll, 'Show results')).to.equal(false);
    },
  },
  multipleVoted: {
    texts: ['9 votes'],
    check: (poll) => {
      expect(resultOf(poll, 'Point-of-care ultrasound')).to.equal('67%, 6 votes');
      expect(resultOf(poll, 'Triage protocol v3')).to.equal('33%, 3 votes');
      expect(resultOf(poll, 'Anaesthesia')).to.equal('11%, 1 vote');
      expect($$(poll, '.mine-result')).to.have.length(2);
    },
  },
  afterClose: {
    texts: ['Results appear when the poll closes.', 'You voted for Tuesday, 10:00', 'Change vote'],
    check: (poll) => expect($(poll, '[part~="results"]')).to.equal(null),
  },
  anonymousBelowMin: {
    texts: ['Anonymous', 'results appear once at least 5 people have voted', '3 votes', 'Your vote'],
    check: (poll) => expect($(poll, '[part~="results"]')).to.equal(null),
  },
  anonymous: {
    texts: ['Anonymous', '10 votes', 'Your vote'],
    check: (poll) => {
      expect(resultOf(poll, 'Mostly confident')).to.equal('50%, 5 votes');
      expect($$(poll, 'details')).to.have.length(0);
    },
  },
  closed: {
    texts: ['Closed', 'Closed 2 days ago', '12 votes', 'Your vote'],
    check: (poll) => {
      expect($$(poll, 'button')).to.have.length(0);
      expect($$(poll, 'input')).to.have.length(0);
    },
  },
  closingSoon: {
    texts: ['Closes in 40 minutes'],
    check: (poll) => expect($(poll, 'time.soon')).to.not.equal(null),
  },
  manager: { texts: ['Close poll', 'Change vote'] },
  empty: { texts: ['This poll has no options yet.'] },
  loading: {
    texts: ['Loading poll…'],
    check: (poll) => expect($(poll, '.skeleton')?.getAttribute('aria-hidden')).to.equal('true'),
  },
  error: {
    texts: ['The poll could not be loaded.', 'Something went wrong on the server'],
    check: (poll) => expect(hasButton(poll, 'Retry')).to.equal(true),
  },
  malformed: {
    texts: ['The poll could not be loaded.', 'The server sent an answer Plaza does not understand.'],
    check: (poll) => expect(hasButton(poll, 'Retry')).to.equal(true),
  },
  wrongSchema: {
    texts: ['The poll could not be loaded.', 'The server sent an answer Plaza does not understand.'],
    check: (poll) => expect(hasButton(poll, 'Retry')).to.equal(true),
  },
  notFound: { texts: ['This poll does not exist or is not visible to you.'] },
  forbidden: { texts: ['You do not have access to this poll.'] },
  signedOut: {
    texts: ['Sign in to vote.', '11 votes'],
    check: (poll) => {
      expect(resultOf(poll, 'Tuesday')).to.equal('45%, 5 votes');
      expect($$(poll, 'input, button')).to.have.length(0);
    },
  },
  signedOutHidden: {
    texts: ['Results appear after you vote.', 'Sign in to vote.', 'Point-of-care ultrasound'],
    check: (poll) => expect($$(poll, 'input, button')).to.have.length(0),
  },
  refusedClosed: { texts: ['Choose one'] },
  refusedInvalid: { texts: ['Choose one'] },
  german: {
    texts: ['Namentliche Abstimmung', 'Endet in 3 Tagen', '12 Stimmen', 'Ihre Stimme', 'Stimme ändern'],
    check: (poll) => {
      expect(resultOf(poll, 'Dienstag')).to.equal('42 %, 5 Stimmen');
      expect($(poll, '.base')?.getAttribute('lang')).to.equal('de');
    },
  },
  dark: {
    texts: ['Your vote'],
    check: (poll) => expect(getComputedStyle($(poll, '.base')!).colorScheme).to.equal('dark'),
  },
  darkVoting: {
    texts: ['Choose up to 2'],
    check: (poll) => expect(getComputedStyle($(poll, '.base')!).backgroundColor).to.equal('rgb(22, 27, 34)'),
  },
};

describe('<plaza-poll> states', () => {
  for (const [name, scenario] of Object.entries(pollScenarios) as [PollScenarioName, PollScenario][]) {
    it(`${scenario.title}: renders its state and passes axe`, async () => {
      const { poll } = await mount(name);
      const text = pollText(poll);
      for (const expected of expectations[name].texts) expect(text).to.include(expected);
      expectations[name].check?.(poll);
      await expect(poll).to.be.accessible();
    });
  }

  it('is registered and typed in HTMLElementTagNameMap', () => {
    expect(customElements.get('plaza-poll')).to.equal(PlazaPoll);
    expect(document.createElement('plaza-poll')).to.be.instanceOf(PlazaPoll);
  });

  it('reserves the height of a three-option poll while loading (no layout shift)', async () => {
    const loading = await mount('loading');
    const open = await mount('open');
    const skeletonHeight = loading.poll.getBoundingClientRect().height;
    const loadedHeight = open.poll.getBoundingClientRect().height;
    expect(Math.abs(skeletonHeight - loadedHeight)).to.be.below(4, `${skeletonHeight} vs ${loadedHeight}`);
  });
});

// ——— voting ———

describe('<plaza-poll> voting', () => {
  it('votes with the mouse and announces "Vote counted"', async () => {
    const mounted = await mount('open');
    const { poll, api } = mounted;
    const voted = new Promise<PlazaVoteEvent>((resolve) =>
      poll.addEventListener('plaza-vote', resolve, { once: true }),
    );

    await click(input(poll, 'Wednesday, 14:00').closest('label')!);
    expect(input(poll, 'Wednesday, 14:00').checked).to.equal(true);
    await click(button(poll, 'Vote'));
    const event = await voted;
    await settled(poll);

    expect(event).to.be.instanceOf(PlazaVoteEvent);
    expect(event.pollId).to.equal('poll-townhall');
    expect(event.optionIds).to.deep.equal(['wed']);
    expect(event.bubbles && event.composed).to.equal(true);
    expect(api.requests.filter((r) => r.method === 'PUT')).to.deep.equal([
      { method: 'PUT', path: '/v1/polls/poll-townhall/vote', search: '', body: { optionIds: ['wed'] } },
    ]);
    expect(textOf($(poll, '[part~="status"]'))).to.equal('Vote counted');
    expect($(poll, '[part~="status"]')?.getAttribute('role')).to.equal('status');
    expect(resultOf(poll, 'Wednesday')).to.equal('33%, 4 votes');
    expect(pollText(poll)).to.include('12 votes');
    expectFocusOn(poll, button(poll, 'Change vote'));
  });

  it('votes, changes and retracts with the keyboard only (Tab, Space, Enter, arrows)', async () => {
    const { poll, api } = await mount('open');
    (document.activeElement as HTMLElement | null)?.blur();

    await sendKeys({ press: 'Tab' });
    expectFocusOn(poll, input(poll, 'Tuesday, 10:00'));
    await sendKeys({ press: 'Space' });
    expect(input(poll, 'Tuesday, 10:00').checked).to.equal(true);
    await sendKeys({ press: 'Tab' });
    expectFocusOn(poll, button(poll, 'Vote'));
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => hasButton(poll, 'Change vote'), 'no results after voting');
    await settled(poll);
    expect(resultOf(poll, 'Tuesday')).to.equal('50%, 6 votes');
    expectFocusOn(poll, button(poll, 'Change vote'));

    // Change: Enter on "Change vote" brings the form back with the current choice focused.
    await sendKeys({ press: 'Enter' });
    await poll.updateComplete;
    expectFocusOn(poll, input(poll, 'Tuesday, 10:00'));
    await sendKeys({ press: 'ArrowDown' });
    expect(input(poll, 'Wednesday, 14:00').checked).to.equal(true);
    await sendKeys({ press: 'Tab' });
    expectFocusOn(poll, button(poll, 'Vote'));
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => hasButton(poll, 'Retract vote'), 'no results after changing');
    await settled(poll);
    expect(resultOf(poll, 'Wednesday')).to.equal('33%, 4 votes');
    expect(resultOf(poll, 'Tuesday')).to.equal('42%, 5 votes');

    // Retract: Tab from "Change vote" to "Retract vote", Enter.
    await sendKeys({ press: 'Tab' });
    expectFocusOn(poll, button(poll, 'Retract vote'));
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => $$(poll, 'input').length === 3, 'no form after retracting');
    await settled(poll);
    expect(pollText(poll)).to.include('11 votes');
    expect(focused(poll)?.tagName).to.equal('INPUT');
    expect(api.requests.map((r) => r.method).filter((m) => m !== 'GET')).to.deep.equal(['PUT', 'PUT', 'DELETE']);
  });

  it('changes and retracts a vote, with events and "Your vote" following', async () => {
    const { poll, api } = await mount('voted');
    const events: PlazaVoteEvent[] = [];
    poll.addEventListener('plaza-vote', (event) => events.push(event));

    button(poll, 'Change vote').click();
    await poll.updateComplete;
    expect(input(poll, 'Wednesday, 14:00').checked).to.equal(true);
    expect(hasButton(poll, 'Cancel')).to.equal(true);
    input(poll, 'Thursday, 16:00').click();
    button(poll, 'Vote').click();
    await waitUntil(() => events.length === 1);
    await settled(poll);
    expect(textOf($(poll, '.mine-result .result-label'))).to.equal('Thursday, 16:00 Your vote');
    expect(resultOf(poll, 'Wednesday')).to.equal('25%, 3 votes');
    expect(resultOf(poll, 'Thursday')).to.equal('33%, 4 votes');

    button(poll, 'Retract vote').click();
    await waitUntil(() => events.length === 2);
    await settled(poll);
    expect(events.map((e) => e.optionIds)).to.deep.equal([['thu'], []]);
    expect(textOf($(poll, '[part~="status"]'))).to.equal('Vote retracted');
    expect($$(poll, 'input:checked')).to.have.length(0);
    expect(pollText(poll)).to.include('11 votes');
    expect(api.requests.at(-1)).to.include({ method: 'DELETE', path: '/v1/polls/poll-townhall/vote' });
  });

  it('cancelling a change keeps the vote', async () => {
    const { poll, api } = await mount('voted');
    button(poll, 'Change vote').click();
    await poll.updateComplete;
    input(poll, 'Tuesday, 10:00').click();
    button(poll, 'Cancel').click();
    await poll.updateComplete;
    expectFocusOn(poll, button(poll, 'Change vote'));
    expect(resultOf(poll, 'Wednesday')).to.equal('33%, 4 votes');
    expect(api.requests.every((r) => r.method === 'GET')).to.equal(true);
  });

  it('allows at most maxChoices boxes: the others are disabled at the maximum', async () => {
    const { poll, api } = await mount('multiple');
    expect(textOf($(poll, '#hint'))).to.equal('Choose up to 2');
    expect($(poll, 'fieldset')?.getAttribute('aria-describedby')).to.equal('hint');

    await click(input(poll, 'Point-of-care ultrasound').closest('label')!);
    await click(input(poll, 'Talking to owners in an emergency').closest('label')!);
    await poll.updateComplete;
    const disabled = $$<HTMLInputElement>(poll, 'input:disabled').map((i) => i.value);
    expect(disabled).to.deep.equal(['anaesthesia', 'triage']);
    expect(textOf($(poll, '[part~="status"]'))).to.equal('You have chosen the most options allowed');

    await click(input(poll, 'Point-of-care ultrasound').closest('label')!);
    await poll.updateComplete;
    expect($$(poll, 'input:disabled')).to.have.length(0);
    await click(input(poll, 'Triage protocol v3').closest('label')!);
    await click(button(poll, 'Vote'));
    await waitUntil(() => hasButton(poll, 'Change vote'));
    await settled(poll);
    expect(api.requests.find((r) => r.method === 'PUT')?.body).to.deep.equal({ optionIds: ['triage', 'comms'] });
    // Results appear after voting (after-vote visibility).
    expect(resultOf(poll, 'Triage protocol v3')).to.equal('33%, 3 votes');
  });

  it('does nothing while no option is chosen', async () => {
    const { poll, api } = await mount('open');
    expect(button(poll, 'Vote').getAttribute('aria-disabled')).to.equal('true');
    button(poll, 'Vote').click();
    await aTimeout(20);
    expect(api.requests.filter((r) => r.method !== 'GET')).to.have.length(0);
  });

  it('shows the results before voting on request and goes back to voting', async () => {
    const { poll } = await mount('open');
    button(poll, 'Show results').click();
    await poll.updateComplete;
    expect(resultOf(poll, 'Tuesday')).to.equal('45%, 5 votes');
    expectFocusOn(poll, button(poll, 'Back to voting'));
    button(poll, 'Back to voting').click();
    await poll.updateComplete;
    expect($$(poll, 'input')).to.have.length(3);
  });
});

// ——— refusals and errors ———

describe('<plaza-poll> refusals and errors', () => {
  for (const [name, message] of [
    ['refusedClosed', 'This poll is closed, so your vote was not counted.'],
    ['refusedInvalid', 'That option is no longer part of the poll. Please choose again.'],
  ] as const) {
    it(`${pollScenarios[name].title}: a localised alert, the tally unchanged, no plaza-vote`, async () => {
      const mounted = await mount(name);
      const { poll } = mounted;
      const before = storedPoll(mounted)!;
      let voteEvents = 0;
      poll.addEventListener('plaza-vote', () => voteEvents++);

      await click(input(poll, 'Thursday, 16:00').closest('label')!);
      await click(button(poll, 'Vote'));
      await waitUntil(() => textOf($(poll, '[part~="error"]')) !== '', 'no alert');
      await settled(poll);

      const alert = $(poll, '[part~="error"]')!;
      expect(alert.getAttribute('role')).to.equal('alert');
      expect(textOf(alert)).to.equal(message);
      expect(voteEvents).to.equal(0);
      expect(textOf($(poll, '[part~="status"]'))).to.equal('');
      // The SDK rolled back the optimistic ballot: same tally, no "Your vote", the choice still ticked.
      const after = storedPoll(mounted)!;
      expect(after.totalVoters).to.equal(before.totalVoters);
      expect(after.options.map((o) => o.votes)).to.deep.equal(before.options.map((o) => o.votes));
      expect(after.myVote).to.deep.equal([]);
      expect(pollText(poll)).to.include('11 votes');
      expect(input(poll, 'Thursday, 16:00').checked).to.equal(true);
      expectFocusOn(poll, button(poll, 'Vote'));
      await expect(poll).to.be.accessible();

      // Choosing again clears the alert.
      input(poll, 'Tuesday, 10:00').click();
      await poll.updateComplete;
      expect(textOf($(poll, '[part~="error"]'))).to.equal('');
    });
  }

  it('says votes can no longer be changed when a retraction or change meets a poll closed meanwhile', async () => {
    const mounted = await mount('voted');
    const { poll, api } = mounted;
    api.options.overrides = {
      retract: { status: 409, code: 'poll_closed' },
      vote: { status: 409, code: 'poll_closed' },
    };
    button(poll, 'Retract vote').click();
    await waitUntil(() => textOf($(poll, '[part~="error"]')) !== '', 'no alert');
    expect(textOf($(poll, '[part~="error"]'))).to.equal('This poll has closed, so votes can no longer be changed.');
    expect(storedPoll(mounted)!.myVote).to.deep.equal(['wed']);

    button(poll, 'Change vote').click();
    await poll.updateComplete;
    input(poll, 'Tuesday, 10:00').click();
    await poll.updateComplete;
    button(poll, 'Vote').click();
    await waitUntil(() => textOf($(poll, '[part~="error"]')) !== '', 'no alert');
    expect(textOf($(poll, '[part~="error"]'))).to.equal('This poll has closed, so votes can no longer be changed.');
    expect(storedPoll(mounted)!.myVote).to.deep.equal(['wed']);
  });

  it('retries after a load error and focuses the poll when it arrives', async () => {
    const { poll, api } = await mount('error');
    const retry = button(poll, 'Retry');
    api.options.overrides = {};
    retry.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !!$(poll, '.question'), 'the poll did not load after retrying');
    await poll.updateComplete;
    await aTimeout(0);
    expect(pollText(poll)).to.include('Which day suits the quarterly town hall');
    expectFocusOn(poll, $(poll, '.question'));
  });

  for (const name of ['malformed', 'wrongSchema'] as const) {
    it(`${pollScenarios[name].title}: error state, no uncaught exception, and Retry recovers`, async () => {
      const uncaught: unknown[] = [];
      const onError = (event: ErrorEvent) => uncaught.push(event.error ?? event.message);
      const onRejection = (event: PromiseRejectionEvent) => uncaught.push(event.reason);
      window.addEventListener('error', onError);
      window.addEventListener('unhandledrejection', onRejection);
      try {
        const { poll, api } = await mount(name);
        await aTimeout(20);
        expect(pollText(poll)).to.include('The server sent an answer Plaza does not understand.');
        api.options.overrides = {};
        button(poll, 'Retry').click();
        await waitUntil(() => !!$(poll, '.question'), 'the poll did not load after retrying');
        expect(pollText(poll)).to.include('Which day suits the quarterly town hall');
        expect(uncaught).to.deep.equal([]);
      } finally {
        window.removeEventListener('error', onError);
        window.removeEventListener('unhandledrejection', onRejection);
      }
    });
  }

  it('keeps the error state (and the Retry focus) when the retry fails too', async () => {
    const { poll, api } = await mount('error');
    const requestsBefore = api.requests.length;
    button(poll, 'Retry').focus();
    button(poll, 'Retry').click();
    await waitUntil(() => api.requests.length > requestsBefore);
    await waitUntil(() => textOf($(poll, 'button')) === 'Retry');
    await aTimeout(0);
    expect(pollText(poll)).to.include('The poll could not be loaded.');
    expectFocusOn(poll, button(poll, 'Retry'));
  });
});

// ——— events and closing ———

describe('<plaza-poll> events and closing', () => {
  it('a cancelled plaza-before-vote keeps the vote from being sent', async () => {
    const { poll, api } = await mount('open');
    let before: PlazaBeforeVoteEvent | undefined;
    document.addEventListener(
      'plaza-before-vote',
      (event) => {
        before = event;
        event.preventDefault();
      },
      { once: true },
    );
    input(poll, 'Tuesday, 10:00').click();
    button(poll, 'Vote').click();
    await aTimeout(20);
    expect(before).to.be.instanceOf(PlazaBeforeVoteEvent);
    expect(before!.cancelable && before!.composed && before!.bubbles).to.equal(true);
    expect(before!.pollId).to.equal('poll-townhall');
    expect(before!.optionIds).to.deep.equal(['tue']);
    expect(api.requests.filter((r) => r.method !== 'GET')).to.have.length(0);
    expect($$(poll, 'input')).to.have.length(3);
  });

  it('closes the poll after a confirmation step and fires plaza-poll-close', async () => {
    const { poll, api } = await mount('manager');
    let closed: PlazaPollCloseEvent | undefined;
    poll.addEventListener('plaza-poll-close', (event) => (closed = event));

    button(poll, 'Close poll').click();
    await poll.updateComplete;
    expect(pollText(poll)).to.include('Close this poll now?');
    expectFocusOn(poll, button(poll, 'Cancel'));
    await expect(poll).to.be.accessible();

    button(poll, 'Cancel').click();
    await poll.updateComplete;
    expectFocusOn(poll, button(poll, 'Close poll'));
    expect(api.requests.filter((r) => r.method === 'POST')).to.have.length(0);

    // Escape inside the question leaves it too, keyboard only.
    await sendKeys({ press: 'Enter' });
    await poll.updateComplete;
    expectFocusOn(poll, button(poll, 'Cancel'));
    await sendKeys({ press: 'Shift+Tab' });
    expectFocusOn(poll, button(poll, 'Yes, close poll'));
    await sendKeys({ press: 'Escape' });
    await poll.updateComplete;
    await aTimeout(0);
    expect(pollText(poll)).not.to.include('Close this poll now?');
    expectFocusOn(poll, button(poll, 'Close poll'));
    expect(api.requests.filter((r) => r.method === 'POST')).to.have.length(0);

    button(poll, 'Close poll').click();
    await poll.updateComplete;
    button(poll, 'Yes, close poll').click();
    await waitUntil(() => closed !== undefined, 'no plaza-poll-close');
    await settled(poll);
    expect(closed!.pollId).to.equal('poll-townhall');
    expect(api.requests.at(-1)).to.include({ method: 'POST', path: '/v1/polls/poll-townhall/close' });
    expect(textOf($(poll, '[part~="status"]'))).to.equal('Poll closed');
    expect(textOf($(poll, 'time'))).to.equal('Closed just now');
    expect(hasButton(poll, 'Close poll')).to.equal(false);
    expect(hasButton(poll, 'Change vote')).to.equal(false);
    expectFocusOn(poll, $(poll, '.question'));
  });

  it('counts down to the close date and then shows the poll as closed', async () => {
    const scenario: PollScenario = {
      ...pollScenarios.open,
      api: () => ({
        ...pollScenarios.open.api(),
        polls: [{ ...pollScenarios.open.api().polls[0]!, closesAt: new Date(Date.now() + 2500).toISOString() }],
      }),
    };
    const { poll } = await mount(scenario);
    expect(textOf($(poll, 'time'))).to.match(/^Closes in [23] seconds$/);
    await waitUntil(() => /^Closes in 1 second$/.test(textOf($(poll, 'time'))), 'the countdown did not tick', {
      timeout: 3000,
    });
    await waitUntil(() => textOf($(poll, '[part~="meta"]')).includes('Closed'), 'not shown as closed', {
      timeout: 3000,
    });
    expect($$(poll, 'input')).to.have.length(0);
  });

  it('keeps asking the server whose clock is behind until it says closed, then shows results shown after close', async () => {
    const seed = pollScenarios.afterClose.api().polls[0]!;
    const scenario: PollScenario = {
      ...pollScenarios.afterClose,
      api: () => ({
        ...pollScenarios.afterClose.api(),
        polls: [{ ...seed, closesAt: new Date(Date.now() + 500).toISOString() }],
        clockBehindMs: 2500,
      }),
    };
    const { poll, api } = await mount(scenario);
    const reads = () => api.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/v1/polls')).length;
    expect(pollText(poll)).to.include('Results appear when the poll closes.');
    // Closed by the page's clock; the server's first answer after that still says open.
    await waitUntil(() => reads() >= 2, 'the poll was not re-read at its close date', { timeout: 2000 });
    expect(pollText(poll)).to.include('Results appear when the poll closes.');
    await waitUntil(() => !!$(poll, '[part~="results"]'), 'the results never appeared', { timeout: 6000 });
    expect(resultOf(poll, 'Tuesday')).to.match(/^\d+%, \d+ votes?/);
    const settledReads = reads();
    expect(settledReads).to.be.within(3, 5);
    await aTimeout(2500);
    expect(reads(), 'no more re-reads once the server said closed').to.equal(settledReads);
  });
});

// ——— theme, locale and width ———

describe('<plaza-poll> live updates', () => {
  it('shows another person’s vote when the server announces it, over one stream for the whole page', async () => {
    const { poll, api, config } = await mount('open');
    const second = document.createElement('plaza-poll');
    second.pollId = 'poll-townhall';
    config.append(second);
    await waitUntil(() => api.openStreams === 1, 'the event stream did not open');
    expect(pollText(poll)).to.include('11 votes');
    api.castBallot('poll-townhall', 'u-77', ['thu']);
    api.emit('poll.updated', 'poll-townhall');
    await waitUntil(() => pollText(poll).includes('12 votes'), 'the poll did not update live');
    await waitUntil(() => pollText(second).includes('12 votes'), 'the second copy did not update');
    expect(api.requests.filter((r) => r.path === '/v1/events')).to.have.length(1);
    // The re-read after the event is one request for both copies.
    expect(api.requests.filter((r) => r.path === '/v1/polls')).to.have.length(2);
  });

  it('closes the stream when the last widget leaves the page', async () => {
    const { api, config } = await mount('open');
    await waitUntil(() => api.openStreams === 1, 'the event stream did not open');
    config.remove();
    await waitUntil(() => api.openStreams === 0, 'the event stream stayed open', { timeout: 3000 });
  });
});

describe('<plaza-poll> theme, locale and layout', () => {
  it('follows theme="dark" on <plaza-config>: dark surface, light text', async () => {
    const { poll, config } = await mount('dark');
    expect(getComputedStyle(config).colorScheme).to.equal('dark');
    const base = getComputedStyle($(poll, '.base')!);
    expect(base.backgroundColor).to.equal('rgb(22, 27, 34)');
    expect(base.color).to.equal('rgb(230, 237, 243)');
    config.theme = 'light';
    await config.updateComplete;
    await poll.updateComplete;
    expect(getComputedStyle($(poll, '.base')!).backgroundColor).to.equal('rgb(255, 255, 255)');
    await expect(poll).to.be.accessible();
  });

  it('uses --plaza-* custom properties and ::part for theming', async () => {
    const { poll, config } = await mount('voted');
    config.style.setProperty('--plaza-color-surface', 'rgb(1, 2, 3)');
    config.style.setProperty('--plaza-radius', '0px');
    expect(getComputedStyle($(poll, '.base')!).backgroundColor).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle($(poll, '.base')!).borderTopLeftRadius).to.equal('0px');
    for (const part of [
      'base',
      'question',
      'meta',
      'results',
      'result',
      'bar',
      'total',
      'actions',
      'status',
      'error',
    ]) {
      expect($(poll, `[part~="${part}"]`), part).to.not.equal(null);
    }
  });

  it('renders German strings, numbers and relative times for locale="de"', async () => {
    const { poll, config } = await mount('open');
    config.locale = 'de';
    await config.updateComplete;
    await poll.updateComplete;
    const text = pollText(poll);
    for (const expected of [
      'Eine Antwort wählen',
      'Endet in 3 Tagen',
      '11 Stimmen',
      'Abstimmen',
      'Ergebnisse anzeigen',
    ]) {
      expect(text).to.include(expected);
    }
    input(poll, 'Tuesday, 10:00').click();
    button(poll, 'Abstimmen').click();
    await waitUntil(() => textOf($(poll, '[part~="status"]')) === 'Stimme gezählt');
  });

  for (const name of ['open', 'voted', 'multipleVoted', 'german', 'manager', 'signedOutHidden', 'error'] as const) {
    it(`fits 320 px without horizontal overflow: ${pollScenarios[name].title}`, async () => {
      await setViewport({ width: 320, height: 800 });
      try {
        const { poll } = await mount(name, { width: 'none' });
        if (name === 'manager') {
          button(poll, 'Close poll').click();
          await poll.updateComplete;
        }
        const base = $(poll, '.base')!;
        expect(poll.getBoundingClientRect().right).to.be.at.most(320);
        expect(base.scrollWidth).to.be.at.most(base.clientWidth);
        expect(document.documentElement.scrollWidth).to.be.at.most(320);
        for (const element of $$(poll, 'button, label, .result-row, p')) {
          expect(element.getBoundingClientRect().right, textOf(element)).to.be.at.most(320);
        }
      } finally {
        await setViewport({ width: 800, height: 600 });
      }
    });
  }

  it('shows the voter names of named polls in a disclosure', async () => {
    const { poll } = await mount('voted');
    const details = $$<HTMLDetailsElement>(poll, 'details[part~="voters"]');
    const wednesday = details[1]!;
    expect(textOf(wednesday.querySelector('summary'))).to.equal('Show 4 voters: Wednesday, 14:00');
    wednesday.querySelector('summary')!.click();
    expect(wednesday.open).to.equal(true);
    expect(textOf(wednesday.querySelector('ul'))).to.include(viewer.name);
  });
});
