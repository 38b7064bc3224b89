import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { action } from 'storybook/actions';
import { groupScenarios, mountGroupCard, type GroupScenarioName } from './fixtures/groups.ts';
import { onThemePage } from './fixtures/dark-page.ts';

interface Args {
  scenario: GroupScenarioName;
}

/** Mounts a scenario with a little network latency and logs the card's events in the Actions panel. */
function renderScenario({ scenario }: Args): HTMLElement {
  const chosen = groupScenarios[scenario];
  const { config } = mountGroupCard(chosen, { latencyMs: 250 });
  config.addEventListener('plaza-join', (event) =>
    action('plaza-join')({ groupId: event.groupId, membership: event.membership }),
  );
  config.addEventListener('plaza-request', (event) =>
    action('plaza-request')({ groupId: event.groupId, action: event.action }),
  );
  config.addEventListener('plaza-before-leave', (event) => action('plaza-before-leave')({ groupId: event.groupId }));
  config.addEventListener('plaza-leave', (event) => action('plaza-leave')({ groupId: event.groupId }));

  // The width the card is meant for: a 280 px sidebar, an 800 px main column, or a medium column.
  const frame = document.createElement('div');
  frame.style.width = `${chosen.width ?? 400}px`;
  frame.style.maxWidth = '100%';
  if (chosen.width) frame.style.outline = '1px dashed #8c959f';
  frame.append(config);
  return onThemePage(frame, chosen.theme);
}

const meta: Meta<Args> = {
  title: 'Widgets/Group card',
  component: 'plaza-group-card',
  render: renderScenario,
  argTypes: {
    scenario: { control: 'select', options: Object.keys(groupScenarios) },
  },
};
export default meta;

type Story = StoryObj<Args>;

const scenario = (name: GroupScenarioName): Story => ({
  name: groupScenarios[name].title,
  args: { scenario: name },
  parameters: { docs: { description: { story: groupScenarios[name].description } } },
});

export const OpenNotMember = scenario('open');
export const Member = scenario('member');
export const AdminWithPendingRequests = scenario('admin');
export const LastAdmin = scenario('lastAdmin');
export const ManagerWhoIsMember = scenario('managerMember');
export const PrivateOutsider = scenario('privateOutsider');
export const RequestPending = scenario('pending');
export const InviteOnly = scenario('inviteOnly');
export const SignedOut = scenario('signedOut');
export const SignedOutPrivate = scenario('signedOutPrivate');
export const TopContributors = scenario('contributors');
export const NoDescription = scenario('noDescription');
export const Compact280 = scenario('compact');
export const Full280 = scenario('narrow');
export const Full800 = scenario('wide');
export const German = scenario('german');
export const GermanMember = scenario('germanMember');
export const Dark = scenario('dark');
export const Loading = scenario('loading');
export const LoadError = scenario('error');
export const MalformedResponse = scenario('malformed');
export const NotFound = scenario('notFound');
export const Forbidden = scenario('forbidden');
export const JoinRefusedPolicyChanged = scenario('policyChanged');
export const ApproveRefusedRequestWithdrawn = scenario('requestHandled');
export const LeaveRefusedBecameLastAdmin = scenario('becameLastAdmin');

/** A sidebar and a main column side by side: the same group, one store, both layouts. */
export const SidebarAndMainColumn: Story = {
  name: 'Compact sidebar + full main column (one store)',
  args: { scenario: 'member' },
  render: (args) => {
    const { config, card } = mountGroupCard(groupScenarios[args.scenario], { latencyMs: 250 });
    const page = document.createElement('div');
    Object.assign(page.style, { display: 'flex', gap: '1.5rem', alignItems: 'flex-start' });
    const main = document.createElement('div');
    main.style.width = '800px';
    const aside = document.createElement('div');
    aside.style.width = '280px';
    const compact = card.cloneNode() as typeof card;
    compact.layout = 'compact';
    main.append(card);
    aside.append(compact);
    page.append(main, aside);
    config.append(page);
    return config;
  },
};

/** Themed from the host page with `--plaza-*` custom properties and `::part()`, no shadow-DOM fighting. */
export const CustomTheme: Story = {
  name: 'Custom theme (custom properties + ::part)',
  args: { scenario: 'member' },
  render: (args) => {
    const page = document.createElement('div');
    page.className = 'branded';
    const style = document.createElement('style');
    style.textContent = `
      .branded plaza-config {
        --plaza-color-accent: #7a1f5c;
        --plaza-color-surface: #fffaf3;
        --plaza-radius: 2px;
        --plaza-group-cover-height: 3rem;
        --plaza-font-family: Georgia, serif;
      }
      .branded plaza-group-card::part(name) { text-transform: uppercase; letter-spacing: 0.04em; }
      .branded plaza-group-card::part(avatar) { border-radius: 4px; }
    `;
    page.append(style, renderScenario(args));
    return page;
  },
};
