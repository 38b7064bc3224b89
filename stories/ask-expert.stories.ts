import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { action } from 'storybook/actions';
import { askExpertScenarios, mountAskExpert, type AskExpertScenarioName } from './fixtures/ask-expert.ts';
import { onThemePage } from './fixtures/dark-page.ts';

interface Args {
  scenario: AskExpertScenarioName;
}

/** Mounts a scenario with a little network latency and logs the widget's events in the Actions panel. */
function renderScenario({ scenario }: Args): HTMLElement {
  const { config } = mountAskExpert(askExpertScenarios[scenario], { latencyMs: 250 });
  config.addEventListener('plaza-ask', (event) =>
    action('plaza-ask')({ id: event.question.id, title: event.question.title, anonymous: event.question.anonymous }),
  );
  config.addEventListener('plaza-answer', (event) =>
    action('plaza-answer')({ questionId: event.questionId, answerId: event.answer.id }),
  );
  config.addEventListener('plaza-accept', (event) =>
    action('plaza-accept')({ questionId: event.questionId, answerId: event.answerId }),
  );
  return onThemePage(config, askExpertScenarios[scenario].theme);
}

const meta: Meta<Args> = {
  title: 'Widgets/Ask an expert',
  component: 'plaza-ask-expert',
  render: renderScenario,
  argTypes: {
    scenario: { control: 'select', options: Object.keys(askExpertScenarios) },
  },
};
export default meta;

type Story = StoryObj<Args>;

const scenario = (name: AskExpertScenarioName): Story => ({
  name: askExpertScenarios[name].title,
  args: { scenario: name },
  parameters: { docs: { description: { story: askExpertScenarios[name].description } } },
});

export const Populated = scenario('populated');
export const SeenByAnExpert = scenario('expert');
export const SeenByAModerator = scenario('moderator');
export const Empty = scenario('empty');
export const Loading = scenario('loading');
export const LoadError = scenario('error');
export const SignedOut = scenario('signedOut');
export const NotFound = scenario('notFound');
export const Forbidden = scenario('forbidden');
export const SendFails = scenario('sendFails');
export const German = scenario('german');
export const Dark = scenario('dark');

/** At the narrowest supported width. */
export const Narrow: Story = {
  name: 'Narrow (320 px)',
  args: { scenario: 'populated' },
  render: (args) => {
    const frame = document.createElement('div');
    frame.style.width = '320px';
    frame.style.outline = '1px dashed #8c959f';
    frame.append(renderScenario(args));
    return frame;
  },
};
