import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import type { Group } from '@plaza/contract';
import {
  groupScenarios,
  mountGroupCard,
  sampleContributors,
  type GroupScenario,
  type GroupScenarioName,
  type MountedGroupCard,
} from '../../../../stories/fixtures/groups.ts';
import { person, viewer } from '../../../../stories/fixtures/mock-api.ts';
import { PlazaBeforeLeaveEvent, PlazaJoinEvent, PlazaLeaveEvent, PlazaRequestEvent } from './events.ts';
import { PlazaGroupCard } from './group-card.ts';

// ——— helpers ———

const root = (card: PlazaGroupCard) => card.shadowRoot!;
const $ = <T extends Element = HTMLElement>(card: PlazaGroupCard, selector: string) =>
  root(card).querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(card: PlazaGroupCard, selector: string) => [
  ...root(card).querySelectorAll<T>(selector),
];
/** Visible text, whitespace collapsed. */
const textOf = (element: Element | null | undefined) => (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
const cardText = (card: PlazaGroupCard) => textOf($(card, '.base'));
const isLoaded = (card: PlazaGroupCard) => !!$(card, '.base') && !$(card, '.skeleton');

function button(card: PlazaGroupCard, label: string | RegExp): HTMLButtonElement {
  const found = $$<HTMLButtonElement>(card, 'button').find((b) =>
    typeof label === 'string' ? textOf(b) === label : label.test(textOf(b)),
  );
  if (!found) throw new Error(`no button "${label}" in: ${cardText(card)}`);
  return found;
}
const buttonLabels = (card: PlazaGroupCard) => $$(card, 'button').map((b) => textOf(b));
const hasButton = (card: PlazaGroupCard, label: string) => buttonLabels(card).includes(label);
const scenarioOf = (scenario: GroupScenarioName | GroupScenario) =>
  typeof scenario === 'string' ? groupScenarios[scenario] : scenario;

async function mount(
  scenario: GroupScenarioName | GroupScenario,
  options: { width?: number; waitForLoad?: boolean } = {},
): Promise<MountedGroupCard> {
  const chosen = scenarioOf(scenario);
  const mounted = mountGroupCard(chosen);
  const width = options.width ?? chosen.width;
  await fixture(html`<div style=${width ? `width: ${width}px` : 'max-width: 40rem'}>${mounted.config}</div>`);
  if (options.waitForLoad ?? scenario !== 'loading') {
    await waitUntil(() => isLoaded(mounted.card), 'the card did not leave its loading state');
  }
  await mounted.card.updateComplete;
  return mounted;
}

/** A real click at the element's centre (Playwright moves the mouse and presses it). */
async function click(element: Element) {
  element.scrollIntoView({ block: 'center' });
  const box = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
}

const settled = async (card: PlazaGroupCard) => {
  await waitUntil(() => $(card, '.base')?.getAttribute('aria-busy') === 'false', 'the action did not finish');
  await card.updateComplete;
  await aTimeout(0);
  await card.updateComplete;
};

const focused = (card: PlazaGroupCard) => root(card).activeElement as HTMLElement | null;
const describeElement = (element: Element | null | undefined) =>
  element ? `<${element.localName}> "${textOf(element)}"` : 'nothing';
function expectFocusOn(card: PlazaGroupCard, expected: Element | null) {
  const actual = focused(card);
  expect(actual === expected, `focus is on ${describeElement(actual)}, expected ${describeElement(expected)}`).to.equal(
    true,
  );
}
const status = (card: PlazaGroupCard) => textOf($(card, '[part~="status"]'));
const alertText = (card: PlazaGroupCard) => textOf($(card, '[part~="error"]'));
const writes = (mounted: MountedGroupCard) =>
  mounted.api.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);
const storedGroup = (mounted: MountedGroupCard) =>
  mounted.client.store.get<Group>('group', mounted.card.groupId)?.value;
/** The names of the facepile, as a screen reader reads them. */
const facepileNames = (card: PlazaGroupCard) => $$(card, '[part~="facepile"] .visually-hidden').map((n) => textOf(n));
const requestNames = (card: PlazaGroupCard) => $$(card, '[part~="request"] .person-name').map((n) => textOf(n));

/** Opens the admins' disclosure and waits for the list. */
async function openRequests(card: PlazaGroupCard) {
  button(card, /pending request/).click();
  await waitUntil(() => $$(card, '[part~="request"]').length > 0, 'the requests did not load');
  await card.updateComplete;
}

/** Focuses the first focusable thing of the page before the card, so Tab walks into it. */
function startTabbingBefore(card: PlazaGroupCard) {
  (document.activeElement as HTMLElement | null)?.blur();
  card.closest('div')!.focus?.();
}

afterEach(async () => {
  await resetMouse();
});

// ——— every state: what it shows, and axe ———

const expectations: Record<GroupScenarioName, { texts: string[]; check?: (card: PlazaGroupCard) => void }> = {
  open: {
    texts: ['IT Help & Tips', 'Public', 'Open to everyone', '47 members', 'Admin: Alex Morgan', 'Join'],
    check: (card) => {
      expect(buttonLabels(card)).to.deep.equal(['Join']);
      expect($$(card, '[part~="facepile"] li')).to.have.length(6);
      expect(textOf($(card, '.more-avatar'))).to.equal('+42');
      expect(facepileNames(card).at(-1)).to.equal('and 42 more members');
      expect($(card, '.cover.placeholder')?.getAttribute('aria-hidden')).to.equal('true');
      expect(textOf($(card, '.cover.placeholder'))).to.equal('IH');
      expect($(card, '[part~="link"]')).to.equal(null);
      expect($(card, '[part~="contributors"]')).to.equal(null);
      expect($$(card, '[part~="description"] p')).to.have.length(2);
    },
  },
  member: {
    texts: ['You are a member', '48 members', 'Leave group'],
    check: (card) => {
      expect($<HTMLImageElement>(card, 'img.cover')?.alt).to.equal('Teal pattern');
      expect($<HTMLAnchorElement>(card, '[part~="link"]')?.getAttribute('href')).to.equal('/groups/grp-it-help');
      expect(facepileNames(card)[0]).to.equal(viewer.name);
      expect($(card, '[part~="requests"]')).to.equal(null);
    },
  },
  admin: {
    texts: ['You are an admin', '3 pending requests', 'Admins: Jonas Weber and Robin Fischer', 'Private'],
    check: (card) => {
      expect(button(card, '3 pending requests').getAttribute('aria-expanded')).to.equal('false');
      expect(hasButton(card, 'Leave group')).to.equal(true);
    },
  },
  lastAdmin: {
    texts: ['You are an admin', 'You are the only admin, so you cannot leave.'],
    check: (card) => {
      const leave = button(card, 'Leave group');
      expect(leave.getAttribute('aria-disabled')).to.equal('true');
      expect(leave.getAttribute('aria-describedby')).to.equal('hint');
      expect($(card, '[part~="requests"]')).to.equal(null);
    },
  },
  managerMember: {
    texts: ['You are a member', '1 pending request'],
  },
  privateOutsider: {
    texts: [
      'Emergency Vets — Community of Practice',
      'Private',
      'Join by request',
      '11 members',
      'Only members can see who is in this group.',
      'An admin reviews each request.',
    ],
    check: (card) => {
      expect(buttonLabels(card)).to.deep.equal(['Request to join']);
      expect($(card, '[part~="facepile"]')).to.equal(null);
      expect($(card, '[part~="admins"]')).to.equal(null);
      // The host passed contributors, but people of a private group are for members only.
      expect($(card, '[part~="contributors"]')).to.equal(null);
      expect(textOf($(card, '[part~="description"]'))).to.include('night-shift hand-overs');
      expect(textOf($(card, '[part~="description"]'))).to.not.include('**');
    },
  },
  pending: {
    texts: ['Request sent: waiting for an admin to approve it.'],
    check: (card) => expect(buttonLabels(card)).to.deep.equal(['Cancel request']),
  },
  inviteOnly: {
    texts: ['Leadership Circle', 'Invite only', 'Invite only: an admin adds new members.'],
    check: (card) => expect($$(card, 'button')).to.have.length(0),
  },
  signedOut: {
    texts: ['Sign in to join this group.', '47 members'],
    check: (card) => {
      expect($$(card, 'button')).to.have.length(0);
      expect($(card, '[part~="facepile"]')).to.not.equal(null);
    },
  },
  signedOutPrivate: {
    texts: ['Sign in to ask to join this group.', 'Only members can see who is in this group.'],
    check: (card) => expect($$(card, 'button')).to.have.length(0),
  },
  contributors: {
    texts: ['Top contributors this month', '14 posts, 22 answers, and 9 accepted answers', '4 posts and 7 answers'],
    check: (card) => expect($$(card, '[part~="contributors"] li')).to.have.length(3),
  },
  noDescription: {
    texts: ['Bike to work', '2 members'],
    check: (card) => {
      expect($(card, '[part~="description"]')).to.equal(null);
      expect($(card, '.more')).to.equal(null);
      expect($$(card, '[part~="facepile"] li')).to.have.length(2);
    },
  },
  compact: {
    texts: ['IT Help & Tips', 'You are a member'],
    check: (card) => {
      expect($(card, '.thumb')).to.not.equal(null);
      expect($(card, '.cover')).to.equal(null);
    },
  },
  narrow: { texts: ['3 pending requests'] },
  wide: { texts: ['Top contributors this month', 'Leave group'] },
  german: {
    texts: ['Solar-Service Techniker', 'Öffentlich', 'Offen für alle', '18 Mitglieder', 'Beitreten'],
    check: (card) => {
      expect($(card, '.base')?.getAttribute('lang')).to.equal('de');
      expect($<HTMLImageElement>(card, 'img.cover')?.alt).to.equal('Solarmodule auf einem Dach im Morgenlicht');
      expect(textOf($(card, '.more-avatar'))).to.equal('+13');
      expect(facepileNames(card).at(-1)).to.equal('und 13 weitere Mitglieder');
    },
  },
  germanMember: {
    texts: ['Sie sind Mitglied', '19 Mitglieder', 'Gruppe verlassen'],
  },
  dark: {
    texts: ['3 pending requests'],
    check: (card) => expect(getComputedStyle($(card, '.base')!).colorScheme).to.equal('dark'),
  },
  loading: {
    texts: ['Loading group…'],
    check: (card) => expect($(card, '.skeleton')?.getAttribute('aria-hidden')).to.equal('true'),
  },
  error: {
    texts: ['The group could not be loaded.', 'Something went wrong on the server'],
    check: (card) => expect(hasButton(card, 'Retry')).to.equal(true),
  },
  malformed: {
    texts: ['The group could not be loaded.', 'The server sent an answer Plaza does not understand.'],
    check: (card) => expect(hasButton(card, 'Retry')).to.equal(true),
  },
  notFound: { texts: ['This group does not exist.'] },
  forbidden: { texts: ['You do not have access to this group.'] },
  policyChanged: { texts: ['Join'] },
  requestHandled: { texts: ['3 pending requests'] },
  becameLastAdmin: { texts: ['Leave group'] },
};

describe('<plaza-group-card> states', () => {
  for (const [name, scenario] of Object.entries(groupScenarios) as [GroupScenarioName, GroupScenario][]) {
    it(`${scenario.title}: renders its state and passes axe`, async () => {
      const { card } = await mount(name);
      const text = cardText(card);
      for (const expected of expectations[name].texts) expect(text).to.include(expected);
      expectations[name].check?.(card);
      await expect(card).to.be.accessible();
    });
  }

  it('is registered and typed in HTMLElementTagNameMap', () => {
    expect(customElements.get('plaza-group-card')).to.equal(PlazaGroupCard);
    expect(document.createElement('plaza-group-card')).to.be.instanceOf(PlazaGroupCard);
  });

  for (const [label, layout, width] of [
    ['full, 800 px', 'full', 800],
    ['full, 280 px', 'full', 280],
    ['compact, 280 px', 'compact', 280],
  ] as const) {
    it(`reserves the card's height while loading (${label}): no layout shift`, async () => {
      const loaded = { ...groupScenarios.open, layout, width };
      const loading = { ...groupScenarios.loading, layout, width };
      const skeleton = (await mount(loading, { waitForLoad: false })).card.getBoundingClientRect().height;
      const card = (await mount(loaded)).card.getBoundingClientRect().height;
      expect(Math.abs(skeleton - card)).to.be.below(2, `skeleton ${skeleton} px vs card ${card} px`);
    });
  }
});

// ——— non-members ———

describe('<plaza-group-card> joining and requests', () => {
  it('joins with the mouse: one request, plaza-join, the count and facepile follow, focus on "Leave group"', async () => {
    const mounted = await mount('open');
    const { card } = mounted;
    const joined = new Promise<PlazaJoinEvent>((resolve) =>
      card.addEventListener('plaza-join', resolve, { once: true }),
    );
    await click(button(card, 'Join'));
    const event = await joined;
    await settled(card);

    expect(event).to.be.instanceOf(PlazaJoinEvent);
    expect(event.groupId).to.equal('grp-it-help');
    expect(event.membership).to.equal('member');
    expect(event.bubbles && event.composed).to.equal(true);
    expect(writes(mounted)).to.deep.equal(['POST /v1/groups/grp-it-help/join']);
    expect(status(card)).to.equal('You joined IT Help & Tips');
    expect(cardText(card)).to.include('48 members');
    expect(cardText(card)).to.include('You are a member');
    expect(facepileNames(card)[0]).to.equal(viewer.name);
    expectFocusOn(card, button(card, 'Leave group'));
    await expect(card).to.be.accessible();
  });

  it('joins with the keyboard only (Tab, Enter)', async () => {
    const mounted = await mount('open');
    const { card } = mounted;
    startTabbingBefore(card);
    await sendKeys({ press: 'Tab' });
    expectFocusOn(card, button(card, 'Join'));
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => hasButton(card, 'Leave group'), 'not a member after Enter');
    await settled(card);
    expectFocusOn(card, button(card, 'Leave group'));
    expect(writes(mounted)).to.deep.equal(['POST /v1/groups/grp-it-help/join']);
  });

  it('a double click (or two clicks while the first is in flight) sends one request', async () => {
    const mounted = await mount('open');
    const { card, api } = mounted;
    api.options.latencyMs = 150;
    const join = button(card, 'Join');
    const box = join.getBoundingClientRect();
    const position: [number, number] = [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)];
    await sendMouse({ type: 'click', position });
    await sendMouse({ type: 'click', position });
    join.click();
    expect(join.getAttribute('aria-disabled')).to.equal('true');
    expect(textOf(join)).to.equal('Joining…');
    await waitUntil(() => hasButton(card, 'Leave group'));
    await settled(card);
    expect(writes(mounted)).to.deep.equal(['POST /v1/groups/grp-it-help/join']);
    expect(cardText(card)).to.include('48 members');
  });

  it('asks to join with the mouse, then cancels the request with the keyboard', async () => {
    const mounted = await mount('privateOutsider');
    const { card } = mounted;
    const events: PlazaRequestEvent[] = [];
    card.addEventListener('plaza-request', (event) => events.push(event));

    await click(button(card, 'Request to join'));
    await waitUntil(() => events.length === 1, 'no plaza-request');
    await settled(card);
    expect(events[0]).to.be.instanceOf(PlazaRequestEvent);
    expect(events[0]!.action).to.equal('sent');
    expect(events[0]!.bubbles && events[0]!.composed).to.equal(true);
    expect(cardText(card)).to.include('Request sent: waiting for an admin to approve it.');
    expect(status(card)).to.equal('Request sent');
    expectFocusOn(card, button(card, 'Cancel request'));
    await expect(card).to.be.accessible();

    await sendKeys({ press: 'Enter' });
    await waitUntil(() => events.length === 2, 'no second plaza-request');
    await settled(card);
    expect(events[1]!.action).to.equal('cancelled');
    expect(status(card)).to.equal('Request cancelled');
    expectFocusOn(card, button(card, 'Request to join'));
    expect(writes(mounted)).to.deep.equal([
      'POST /v1/groups/grp-emergency-vets/requests',
      'DELETE /v1/groups/grp-emergency-vets/requests/mine',
    ]);
  });

  it('asks to join with the keyboard and cancels with the mouse', async () => {
    const mounted = await mount('privateOutsider');
    const { card } = mounted;
    startTabbingBefore(card);
    await sendKeys({ press: 'Tab' });
    expectFocusOn(card, button(card, 'Request to join'));
    await sendKeys({ press: 'Space' });
    await waitUntil(() => hasButton(card, 'Cancel request'));
    await settled(card);
    await click(button(card, 'Cancel request'));
    await waitUntil(() => hasButton(card, 'Request to join'));
    await settled(card);
    expect(writes(mounted)).to.have.length(2);
  });

  it('cancels a pending request shown on load', async () => {
    const mounted = await mount('pending');
    const { card } = mounted;
    await click(button(card, 'Cancel request'));
    await waitUntil(() => hasButton(card, 'Request to join'));
    await settled(card);
    expect(writes(mounted)).to.deep.equal(['DELETE /v1/groups/grp-emergency-vets/requests/mine']);
    expect(cardText(card)).to.include('An admin reviews each request.');
  });

  it('invite only and signed out: nothing to press, nothing sent, keyboard passes over the card', async () => {
    for (const name of ['inviteOnly', 'signedOut', 'signedOutPrivate'] as const) {
      const mounted = await mount(name);
      expect($$(mounted.card, 'button, a, [tabindex="0"]'), name).to.have.length(0);
      expect(writes(mounted)).to.deep.equal([]);
    }
  });

  it('signed out with a link template: the group link is the only control', async () => {
    const mounted = await mount({ ...groupScenarios.signedOut, hrefTemplate: '/groups/{id}' });
    startTabbingBefore(mounted.card);
    await sendKeys({ press: 'Tab' });
    expectFocusOn(mounted.card, $(mounted.card, '[part~="link"]'));
  });
});

// ——— members ———

describe('<plaza-group-card> leaving', () => {
  it('leaves with the keyboard after a confirmation: plaza-before-leave, plaza-leave, focus on "Join"', async () => {
    const mounted = await mount('member');
    const { card } = mounted;
    const events: Event[] = [];
    card.addEventListener('plaza-before-leave', (event) => events.push(event));
    card.addEventListener('plaza-leave', (event) => events.push(event));

    startTabbingBefore(card);
    await sendKeys({ press: 'Tab' });
    expectFocusOn(card, $(card, '[part~="link"]'));
    await sendKeys({ press: 'Tab' });
    expectFocusOn(card, button(card, 'Leave group'));
    await sendKeys({ press: 'Enter' });
    await card.updateComplete;
    expect(textOf($(card, '[part~="confirm"]'))).to.include('Leave IT Help & Tips? You can join again at any time.');
    expectFocusOn(card, button(card, 'Cancel'));
    await expect(card).to.be.accessible();

    // Escape backs out of the confirmation; Enter on "Leave group" brings it back.
    await sendKeys({ press: 'Escape' });
    await card.updateComplete;
    expect($(card, '[part~="confirm"]')).to.equal(null);
    expectFocusOn(card, button(card, 'Leave group'));
    await sendKeys({ press: 'Enter' });
    await card.updateComplete;
    expectFocusOn(card, button(card, 'Cancel'));

    await sendKeys({ press: 'Shift+Tab' });
    expectFocusOn(card, button(card, 'Yes, leave'));
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => hasButton(card, 'Join'), 'still a member');
    await settled(card);
    expect(events.map((e) => e.type)).to.deep.equal(['plaza-before-leave', 'plaza-leave']);
    expect(events[0]).to.be.instanceOf(PlazaBeforeLeaveEvent);
    expect(events[1]).to.be.instanceOf(PlazaLeaveEvent);
    expect((events[1] as PlazaLeaveEvent).groupId).to.equal('grp-it-help');
    expect(status(card)).to.equal('You left IT Help & Tips');
    expect(cardText(card)).to.include('47 members');
    expectFocusOn(card, button(card, 'Join'));
    expect(writes(mounted)).to.deep.equal(['POST /v1/groups/grp-it-help/leave']);
  });

  it('leaves with the mouse; Cancel keeps the membership and returns focus', async () => {
    const mounted = await mount('admin');
    const { card } = mounted;
    await click(button(card, 'Leave group'));
    await card.updateComplete;
    expect(textOf($(card, '[part~="confirm"]'))).to.include('To come back, you will have to ask to join again.');
    await click(button(card, 'Cancel'));
    await card.updateComplete;
    expectFocusOn(card, button(card, 'Leave group'));
    expect(writes(mounted)).to.deep.equal([]);

    await click(button(card, 'Leave group'));
    await card.updateComplete;
    await click(button(card, 'Yes, leave'));
    await waitUntil(() => hasButton(card, 'Request to join'), 'still a member');
    await settled(card);
    // Out of a private group: its people are hidden again.
    expect(cardText(card)).to.include('Only members can see who is in this group.');
    expect(writes(mounted)).to.deep.equal(['POST /v1/groups/grp-emergency-vets/leave']);
  });

  it('a cancelled plaza-before-leave keeps the viewer in the group', async () => {
    const mounted = await mount('member');
    const { card } = mounted;
    document.addEventListener('plaza-before-leave', (event) => event.preventDefault(), { once: true });
    button(card, 'Leave group').click();
    await card.updateComplete;
    button(card, 'Yes, leave').click();
    await card.updateComplete;
    await aTimeout(20);
    expect(writes(mounted)).to.deep.equal([]);
    expect(cardText(card)).to.include('You are a member');
    expectFocusOn(card, button(card, 'Leave group'));
  });

  it('the last admin cannot leave: the button is focusable, says why, and sends nothing', async () => {
    const mounted = await mount('lastAdmin');
    const { card } = mounted;
    startTabbingBefore(card);
    await sendKeys({ press: 'Tab' });
    const leave = button(card, 'Leave group');
    expectFocusOn(card, leave);
    await sendKeys({ press: 'Enter' });
    await click(leave);
    await aTimeout(20);
    expect($(card, '[part~="confirm"]')).to.equal(null);
    expect(textOf($(card, '#hint'))).to.equal(
      'You are the only admin, so you cannot leave. Make someone else an admin first.',
    );
    expect(writes(mounted)).to.deep.equal([]);
  });
});

// ——— admins ———

describe('<plaza-group-card> pending requests (admins)', () => {
  it('approves and denies every request with the keyboard, focus moving to the next one', async () => {
    const mounted = await mount('admin');
    const { card } = mounted;
    const toggle = button(card, '3 pending requests');
    toggle.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => $$(card, '[part~="request"]').length === 3, 'no list');
    await card.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(requestNames(card)).to.deep.equal([person(40).name, person(41).name, person(42).name]);
    expect(textOf($(card, '[part~="request"]'))).to.include('Facilities · asked 3 days ago');
    const firstApprove = $(card, '[part~="request"] [data-focus="approve"]');
    await waitUntil(() => focused(card) === firstApprove, 'focus did not move into the list');
    expect(textOf(firstApprove)).to.equal(`Approve ${person(40).name}`);
    await expect(card).to.be.accessible();

    // Approve the first: focus goes to the request that moves into its place.
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => requestNames(card).length === 2, 'the request stayed');
    await settled(card);
    expect(status(card)).to.equal(`${person(40).name} is now a member`);
    expect(cardText(card)).to.include('2 pending requests');
    expect(cardText(card)).to.include('13 members');
    expectFocusOn(card, $(card, `[data-user="${person(41).id}"] [data-focus="approve"]`));

    // Deny the (new) first.
    await sendKeys({ press: 'Tab' });
    expectFocusOn(card, $(card, `[data-user="${person(41).id}"] [data-focus="deny"]`));
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => requestNames(card).length === 1, 'the request stayed');
    await settled(card);
    expect(status(card)).to.equal(`Request from ${person(41).name} denied`);
    expectFocusOn(card, $(card, `[data-user="${person(42).id}"] [data-focus="approve"]`));

    // Approve the last: focus goes back to the disclosure.
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => requestNames(card).length === 0, 'the request stayed');
    await settled(card);
    expectFocusOn(card, button(card, 'No pending requests'));
    expect(cardText(card)).to.include('14 members');
    expect(writes(mounted)).to.deep.equal([
      `POST /v1/groups/grp-emergency-vets/requests/${person(40).id}/approve`,
      `POST /v1/groups/grp-emergency-vets/requests/${person(41).id}/deny`,
      `POST /v1/groups/grp-emergency-vets/requests/${person(42).id}/approve`,
    ]);
    await expect(card).to.be.accessible();

    // Closing the empty disclosure removes it.
    await sendKeys({ press: 'Enter' });
    await card.updateComplete;
    expect($(card, '[part~="requests"]')).to.equal(null);
  });

  it('Escape closes the open list and returns focus to the disclosure', async () => {
    const { card } = await mount('admin');
    const toggle = button(card, '3 pending requests');
    toggle.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => focused(card)?.dataset.focus === 'approve', 'focus did not move into the list');
    await sendKeys({ press: 'Escape' });
    await card.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expectFocusOn(card, toggle);
  });

  it('denies with the mouse and closes the disclosure again', async () => {
    const mounted = await mount('admin');
    const { card } = mounted;
    await click(button(card, '3 pending requests'));
    await waitUntil(() => requestNames(card).length === 3);
    await click($(card, `[data-user="${person(42).id}"] [data-focus="deny"]`)!);
    await waitUntil(() => requestNames(card).length === 2);
    await settled(card);
    // The last one went: focus to the one before it.
    expectFocusOn(card, $(card, `[data-user="${person(41).id}"] [data-focus="approve"]`));
    expect(cardText(card)).to.include('12 members');
    await click(button(card, '2 pending requests'));
    await card.updateComplete;
    expect($<HTMLElement>(card, '#requests-panel')!.hidden).to.equal(true);
    expect(writes(mounted)).to.deep.equal([`POST /v1/groups/grp-emergency-vets/requests/${person(42).id}/deny`]);
  });

  it('a double click on Approve sends one request', async () => {
    const mounted = await mount('admin');
    const { card, api } = mounted;
    await openRequests(card);
    api.options.latencyMs = 150;
    const approve = $(card, '[data-focus="approve"]')!;
    approve.click();
    approve.click();
    await card.updateComplete;
    $(card, '[data-focus="deny"]')!.click();
    await waitUntil(() => requestNames(card).length === 2);
    await settled(card);
    expect(writes(mounted)).to.have.length(1);
  });

  it('a company manager who is a member decides requests too', async () => {
    const mounted = await mount('managerMember');
    const { card } = mounted;
    await openRequests(card);
    button(card, `Approve ${person(40).name}`).click();
    await waitUntil(() => requestNames(card).length === 0);
    await settled(card);
    expectFocusOn(card, button(card, 'No pending requests'));
    expect(cardText(card)).to.include('13 members');
  });

  it('shows a failed request list with a retry that recovers', async () => {
    const mounted = await mount('admin');
    const { card, api } = mounted;
    api.options.overrides = { readRequests: { status: 500, code: 'internal' } };
    button(card, '3 pending requests').click();
    await waitUntil(() => cardText(card).includes('The requests could not be loaded.'));
    api.options.overrides = {};
    button(card, 'Retry').click();
    await waitUntil(() => requestNames(card).length === 3, 'the retry did not load the list');
    await card.updateComplete;
    await aTimeout(0);
    expectFocusOn(card, $(card, '[data-focus="approve"]'));
  });
});

// ——— conflicts ———

describe('<plaza-group-card> refusals (409) show the reason and the true state', () => {
  it('Join after the policy changed to "by request": the localised reason and "Request to join"', async () => {
    const mounted = await mount('policyChanged');
    const { card } = mounted;
    let joinEvents = 0;
    card.addEventListener('plaza-join', () => joinEvents++);
    await click(button(card, 'Join'));
    await waitUntil(() => hasButton(card, 'Request to join'), 'the card did not re-read the group');
    await settled(card);
    expect(alertText(card)).to.equal(
      'This group no longer lets people join directly. Please reload to see how to join.',
    );
    expect($(card, '[part~="error"]')?.getAttribute('role')).to.equal('alert');
    expect(cardText(card)).to.include('Join by request');
    expect(joinEvents).to.equal(0);
    expectFocusOn(card, button(card, 'Request to join'));
    await expect(card).to.be.accessible();
  });

  it('Approve of a request withdrawn meanwhile: the reason, the request gone, focus on the next', async () => {
    const mounted = await mount('requestHandled');
    const { card } = mounted;
    await openRequests(card);
    await click($(card, '[data-focus="approve"]')!);
    await waitUntil(() => alertText(card) !== '', 'no alert');
    await settled(card);
    expect(alertText(card)).to.equal('This request was already withdrawn or denied.');
    expect(requestNames(card)).to.deep.equal([person(41).name, person(42).name]);
    expect(cardText(card)).to.include('2 pending requests');
    expect(cardText(card)).to.include('12 members');
    expectFocusOn(card, $(card, `[data-user="${person(41).id}"] [data-focus="approve"]`));
    expect(storedGroup(mounted)?.pendingRequestCount).to.equal(2);
  });

  it('Deny of a request another admin approved meanwhile: the reason and the new member count', async () => {
    const mounted = await mount('admin');
    const { card, api } = mounted;
    await openRequests(card);
    const group = api.group('grp-emergency-vets');
    group.roster.push({ user: person(40), role: 'member' });
    group.requests = group.requests.filter((r) => r.user.id !== person(40).id);
    await click($(card, `[data-user="${person(40).id}"] [data-focus="deny"]`)!);
    await waitUntil(() => alertText(card) !== '', 'no alert');
    await settled(card);
    expect(alertText(card)).to.equal('This request was already approved: the person is a member now.');
    expect(cardText(card)).to.include('13 members');
    expect(requestNames(card)).to.deep.equal([person(41).name, person(42).name]);
  });

  it('Leave after the other admin left: the reason, and "Leave group" disabled with it', async () => {
    const mounted = await mount('becameLastAdmin');
    const { card } = mounted;
    let leaveEvents = 0;
    card.addEventListener('plaza-leave', () => leaveEvents++);
    await click(button(card, 'Leave group'));
    await card.updateComplete;
    await click(button(card, 'Yes, leave'));
    await waitUntil(() => alertText(card) !== '', 'no alert');
    await settled(card);
    expect(alertText(card)).to.equal(
      'You are the only admin of this group. Make someone else an admin before you leave.',
    );
    expect(button(card, 'Leave group').getAttribute('aria-disabled')).to.equal('true');
    expect(textOf($(card, '#hint'))).to.include('You are the only admin');
    expectFocusOn(card, button(card, 'Leave group'));
    expect(leaveEvents).to.equal(0);
  });

  it('a refused action for another reason keeps the state and the focus', async () => {
    const mounted = await mount('open');
    const { card, api } = mounted;
    api.options.overrides = { join: { status: 429, code: 'rate_limited', retryAfter: 30 } };
    const join = button(card, 'Join');
    join.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => alertText(card) !== '', 'no alert');
    await settled(card);
    expect(alertText(card)).to.equal('Too many requests. Please try again in 30 seconds.');
    expectFocusOn(card, button(card, 'Join'));
  });
});

// ——— live updates ———

describe('<plaza-group-card> live updates', () => {
  it('follows the member count when the server announces a change', async () => {
    const { card, api } = await mount('open');
    await waitUntil(() => api.openStreams === 1, 'the event stream did not open');
    api.group('grp-it-help').roster.push({ user: person(70), role: 'member' });
    api.emit('group.updated', 'grp-it-help');
    await waitUntil(() => cardText(card).includes('48 members'), 'the count did not update live');
    expect(facepileNames(card)[0]).to.equal(person(70).name);
  });

  it('turns "pending" into "member" when an admin approves (personal membership event)', async () => {
    const { card, api } = await mount('pending');
    await waitUntil(() => api.openStreams === 1, 'the event stream did not open');
    const group = api.group('grp-emergency-vets');
    group.requests = [];
    group.roster.push({ user: { id: viewer.id, name: viewer.name, avatarUrl: null, title: null }, role: 'member' });
    api.emit('membership.updated', 'grp-emergency-vets');
    await waitUntil(() => cardText(card).includes('You are a member'), 'the request state did not update live');
    // Now inside the private group: its people appear.
    expect($(card, '[part~="facepile"]')).to.not.equal(null);
  });

  it('shows a new request in an open list and the new count', async () => {
    const { card, api } = await mount('admin');
    await openRequests(card);
    await waitUntil(() => api.openStreams === 1, 'the event stream did not open');
    api.group('grp-emergency-vets').requests.push({ user: person(43), requestedAt: new Date().toISOString() });
    api.emit('group.updated', 'grp-emergency-vets');
    await waitUntil(() => requestNames(card).length === 4, 'the list did not update live');
    expect(cardText(card)).to.include('4 pending requests');
    expect(requestNames(card).at(-1)).to.equal(person(43).name);
  });
});

// ——— errors ———

describe('<plaza-group-card> load errors', () => {
  it('retries after a load error and focuses the name when the group arrives', async () => {
    const { card, api } = await mount('error');
    api.options.overrides = {};
    button(card, 'Retry').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !!$(card, '#name'), 'the group did not load after retrying');
    await card.updateComplete;
    await aTimeout(0);
    expectFocusOn(card, $(card, '#name'));
  });

  it('a malformed answer is an error state, not an uncaught exception', async () => {
    const uncaught: unknown[] = [];
    const onRejection = (event: PromiseRejectionEvent) => uncaught.push(event.reason);
    window.addEventListener('unhandledrejection', onRejection);
    try {
      const { card, api } = await mount('malformed');
      await aTimeout(20);
      api.options.overrides = {};
      button(card, 'Retry').click();
      await waitUntil(() => !!$(card, '#name'));
      expect(uncaught).to.deep.equal([]);
    } finally {
      window.removeEventListener('unhandledrejection', onRejection);
    }
  });
});

// ——— content, layout, theme, locale ———

describe('<plaza-group-card> content and layout', () => {
  it('links the name only for http(s) or relative templates', async () => {
    const { card } = await mount({ ...groupScenarios.open, hrefTemplate: 'https://intranet.example/g/{id}?tab=about' });
    expect($<HTMLAnchorElement>(card, '[part~="link"]')?.getAttribute('href')).to.equal(
      'https://intranet.example/g/grp-it-help?tab=about',
    );
    card.hrefTemplate = 'javascript:alert({id})';
    await card.updateComplete;
    expect($(card, '[part~="link"]')).to.equal(null);
  });

  it('shows at most three top contributors, and none unless the host sets them', async () => {
    const { card } = await mount('member');
    expect($(card, '[part~="contributors"]')).to.equal(null);
    card.topContributors = sampleContributors;
    await card.updateComplete;
    expect($$(card, '[part~="contributors"] li').map((li) => textOf(li.querySelector('.person-name')))).to.deep.equal(
      sampleContributors.slice(0, 3).map((c) => c.user.name),
    );
    card.topContributors = [];
    await card.updateComplete;
    expect($(card, '[part~="contributors"]')).to.equal(null);
  });

  it('shows the description tree as plain text: formatting dropped, links, mentions and topics kept as text', async () => {
    const scenario = groupScenarios.noDescription;
    const { card } = await mount({
      ...scenario,
      api: () => {
        const options = scenario.api();
        const [group] = options.groups!;
        group!.description = {
          source: '(source)',
          nodes: [
            {
              type: 'paragraph',
              children: [
                { type: 'text', text: 'Ask ' },
                { type: 'mention', userId: 'u-7', name: 'Emma Dubois' },
                { type: 'text', text: ' about ' },
                { type: 'topic', tag: 'cycling' },
                { type: 'text', text: ', see ' },
                {
                  type: 'link',
                  href: 'https://example.org/',
                  children: [{ type: 'emphasis', children: [{ type: 'text', text: 'the map' }] }],
                },
                { type: 'text', text: '.' },
              ],
            },
            {
              type: 'list',
              ordered: false,
              start: null,
              items: [
                { type: 'item', children: [{ type: 'paragraph', children: [{ type: 'text', text: 'Showers' }] }] },
                { type: 'item', children: [{ type: 'paragraph', children: [{ type: 'code', text: 'B2' }] }] },
              ],
            },
          ],
        };
        return options;
      },
    });
    expect($$(card, '[part~="description"] p').map((p) => textOf(p))).to.deep.equal([
      'Ask @Emma Dubois about #cycling, see the map.',
      'Showers · B2',
    ]);
    expect($(card, '[part~="description"] a')).to.equal(null);
  });

  it('draws the initials placeholder when the cover image fails to load', async () => {
    const { card, api } = await mount('open');
    api.group('grp-it-help').seed.coverUrl = 'data:image/png;base64,broken';
    await card.updateComplete;
    const mounted = await mount({
      ...groupScenarios.open,
      api: () => ({ ...groupScenarios.open.api(), groups: [{ ...api.group('grp-it-help').seed }] }),
    });
    await waitUntil(() => !!$(mounted.card, '.cover.placeholder'), 'no placeholder after the image failed');
    expect(textOf($(mounted.card, '.cover.placeholder'))).to.equal('IH');
  });

  it('puts people beside the description at 800 px and below it at 280 px (container queries)', async () => {
    const wide = await mount('wide');
    const main = $(wide.card, '.main')!.getBoundingClientRect();
    const side = $(wide.card, '.side')!.getBoundingClientRect();
    expect(side.left).to.be.at.least(main.right);
    expect($(wide.card, '.cover')!.getBoundingClientRect().height).to.be.closeTo(128, 1);

    const narrow = await mount('narrow');
    const narrowMain = $(narrow.card, '.main')!.getBoundingClientRect();
    const narrowSide = $(narrow.card, '.side')!.getBoundingClientRect();
    expect(narrowSide.top).to.be.at.least(narrowMain.bottom);
    expect($(narrow.card, '.cover')!.getBoundingClientRect().height).to.be.closeTo(80, 1);
  });

  for (const [name, width, open] of [
    ['compact', 280, false],
    ['narrow', 280, true],
    ['german', 280, false],
    ['privateOutsider', 280, false],
    ['contributors', 280, false],
    ['wide', 800, false],
    ['admin', 800, true],
    ['compact', 800, false],
  ] as const) {
    it(`fits ${width} px without overflow: ${groupScenarios[name].title}${open ? ', requests open' : ''}`, async () => {
      const { card } = await mount(name, { width });
      if (open) await openRequests(card);
      if (hasButton(card, 'Leave group') && !open) {
        button(card, 'Leave group').click();
        await card.updateComplete;
      }
      const base = $(card, '.base')!;
      const frame = card.closest('div')!.getBoundingClientRect();
      expect(Math.round(card.getBoundingClientRect().width)).to.equal(width);
      expect(base.scrollWidth).to.be.at.most(base.clientWidth);
      for (const element of $$(card, 'button, a, p, li, img, .badge, .avatar')) {
        const box = element.getBoundingClientRect();
        if (box.width === 0 || element.closest('.visually-hidden, .status, .error')) continue;
        expect(box.right, describeElement(element)).to.be.at.most(frame.right + 0.5);
        expect(box.left, describeElement(element)).to.be.at.least(frame.left - 0.5);
      }
    });
  }

  it('fits a 320 px viewport (the narrowest supported width)', async () => {
    await setViewport({ width: 320, height: 800 });
    try {
      const { card } = await mount('admin', { width: 300 });
      await openRequests(card);
      expect(document.documentElement.scrollWidth).to.be.at.most(320);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });
});

describe('<plaza-group-card> theme and locale', () => {
  it('follows theme="dark" on <plaza-config>', async () => {
    const { card, config } = await mount('dark');
    await openRequests(card);
    const base = getComputedStyle($(card, '.base')!);
    expect(base.backgroundColor).to.equal('rgb(22, 27, 34)');
    expect(base.color).to.equal('rgb(230, 237, 243)');
    await expect(card).to.be.accessible();
    config.theme = 'light';
    await config.updateComplete;
    await card.updateComplete;
    expect(getComputedStyle($(card, '.base')!).backgroundColor).to.equal('rgb(255, 255, 255)');
  });

  it('uses --plaza-* custom properties and exposes its parts', async () => {
    const { card, config } = await mount('contributors');
    config.style.setProperty('--plaza-color-surface', 'rgb(1, 2, 3)');
    config.style.setProperty('--plaza-group-cover-height', '50px');
    expect(getComputedStyle($(card, '.base')!).backgroundColor).to.equal('rgb(1, 2, 3)');
    expect($(card, '.cover')!.getBoundingClientRect().height).to.be.closeTo(50, 0.5);
    for (const part of [
      'base',
      'cover',
      'name',
      'meta',
      'badge',
      'description',
      'people',
      'count',
      'facepile',
      'avatar',
      'admins',
      'contributors',
      'actions',
      'status',
      'error',
    ]) {
      expect($(card, `[part~="${part}"]`), part).to.not.equal(null);
    }
  });

  it('speaks German for locale="de": strings, plurals, confirmations, leave and join', async () => {
    const mounted = await mount('germanMember');
    const { card } = mounted;
    button(card, 'Gruppe verlassen').click();
    await card.updateComplete;
    expect(textOf($(card, '[part~="confirm"]'))).to.include(
      'Solar-Service Techniker verlassen? Sie können jederzeit wieder beitreten.',
    );
    button(card, 'Ja, verlassen').click();
    await waitUntil(() => hasButton(card, 'Beitreten'));
    await settled(card);
    expect(status(card)).to.equal('Sie haben Solar-Service Techniker verlassen');
    expect(cardText(card)).to.include('18 Mitglieder');
    button(card, 'Beitreten').click();
    await waitUntil(() => hasButton(card, 'Gruppe verlassen'));
    await settled(card);
    expect(status(card)).to.equal('Sie sind Solar-Service Techniker beigetreten');
  });

  it('speaks German to admins: requests, decisions and refusals', async () => {
    const mounted = await mount({ ...groupScenarios.requestHandled, locale: 'de' });
    const { card } = mounted;
    button(card, '3 offene Anfragen').click();
    await waitUntil(() => requestNames(card).length === 3);
    expect(textOf($(card, '[part~="request"]'))).to.include('angefragt vor 3 Tagen');
    button(card, `Annehmen ${person(40).name}`).click();
    await waitUntil(() => alertText(card) !== '');
    await settled(card);
    expect(alertText(card)).to.equal('Diese Anfrage wurde bereits zurückgezogen oder abgelehnt.');
    expect(cardText(card)).to.include('2 offene Anfragen');
  });
});
