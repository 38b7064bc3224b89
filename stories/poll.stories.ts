import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { action } from 'storybook/actions';
import { mountPoll, pollScenarios, type PollScenarioName } from './fixtures/polls.ts';
import { onThemePage } from './fixtures/dark-page.ts';

interface Args {
  scenario: PollScenarioName;
}

/** Mounts a scenario with a little network latency and logs the widget's events in the Actions panel. */
function renderScenario({ scenario }: Args): HTMLElement {
  const { config } = mountPoll(pollScenarios[scenario], { latencyMs: 250 });
  config.addEventListener('plaza-before-vote', (event) =>
    action('plaza-before-vote')({ pollId: event.pollId, optionIds: event.optionIds }),
  );
  config.addEventListener('plaza-vote', (event) =>
    action('plaza-vote')({ pollId: event.pollId, optionIds: event.optionIds }),
  );
  config.addEventListener('plaza-poll-close', (event) => action('plaza-poll-close')({ pollId: event.pollId }));
  return onThemePage(config, pollScenarios[scenario].theme);
}

const meta: Meta<Args> = {
  title: 'Widgets/Poll',
  component: 'plaza-poll',
  render: renderScenario,
  argTypes: {
    scenario: { control: 'select', options: Object.keys(pollScenarios) },
  },
};
export default meta;

type Story = StoryObj<Args>;

const scenario = (name: PollScenarioName): Story => ({
  name: pollScenarios[name].title,
  args: { scenario: name },
  parameters: { docs: { description: { story: pollScenarios[name].description } } },
});

export const Open = scenario('open');
export const Voted = scenario('voted');
export const MultipleChoice = scenario('multiple');
export const MultipleChoiceVoted = scenario('multipleVoted');
export const ResultsAfterClose = scenario('afterClose');
export const AnonymousBelowMinimum = scenario('anonymousBelowMin');
export const Anonymous = scenario('anonymous');
export const Closed = scenario('closed');
export const ClosingSoon = scenario('closingSoon');
export const ManagerCanClose = scenario('manager');
export const NoOptions = scenario('empty');
export const Loading = scenario('loading');
export const LoadError = scenario('error');
export const MalformedResponse = scenario('malformed');
export const WrongSchema = scenario('wrongSchema');
export const NotFound = scenario('notFound');
export const Forbidden = scenario('forbidden');
export const SignedOut = scenario('signedOut');
export const SignedOutResultsAfterVoting = scenario('signedOutHidden');
export const RefusedPollClosed = scenario('refusedClosed');
export const RefusedInvalidOption = scenario('refusedInvalid');
export const German = scenario('german');
export const Dark = scenario('dark');
export const DarkVoting = scenario('darkVoting');

/** At the narrowest supported width. */
export const Narrow: Story = {
  name: 'Narrow (320 px)',
  args: { scenario: 'multipleVoted' },
  render: (args) => {
    const frame = document.createElement('div');
    frame.style.width = '320px';
    frame.style.outline = '1px dashed #8c959f';
    frame.append(renderScenario(args));
    return frame;
  },
};

/** Two widgets showing the same poll share one store: vote in one and the other follows. */
export const SamePollTwice: Story = {
  name: 'Same poll twice (one store)',
  args: { scenario: 'open' },
  render: (args) => {
    const { config, poll } = mountPoll(pollScenarios[args.scenario], { latencyMs: 250 });
    const second = poll.cloneNode() as typeof poll;
    second.style.marginTop = '1rem';
    config.append(second);
    return config;
  },
};

/** Themed from the host page with `--plaza-*` custom properties and `::part()`, no shadow-DOM fighting. */
export const CustomTheme: Story = {
  name: 'Custom theme (custom properties + ::part)',
  args: { scenario: 'voted' },
  render: (args) => {
    const page = document.createElement('div');
    page.className = 'branded';
    const style = document.createElement('style');
    style.textContent = `
      .branded plaza-config {
        --plaza-color-accent: #7a1f5c;
        --plaza-color-surface: #fffaf3;
        --plaza-radius: 2px;
        --plaza-density: 0.8;
        --plaza-font-family: Georgia, serif;
      }
      .branded plaza-poll::part(question) { text-transform: uppercase; letter-spacing: 0.04em; font-size: 1em; }
      .branded plaza-poll::part(bar) { height: 0.75rem; }
    `;
    page.append(style, renderScenario(args));
    return page;
  },
};
