import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { action } from 'storybook/actions';
import { feedScenarios, mountFeed, type FeedScenarioName } from './fixtures/feed.ts';
import { person } from './fixtures/mock-api.ts';
import { onThemePage } from './fixtures/dark-page.ts';

interface Args {
  scenario: FeedScenarioName;
}

/** Mounts a scenario with a little latency and logs the feed's events in the Actions panel. */
function renderScenario({ scenario }: Args, after?: (mounted: ReturnType<typeof mountFeed>) => void): HTMLElement {
  const mounted = mountFeed(feedScenarios[scenario], { latencyMs: 250 });
  const { config } = mounted;
  config.addEventListener('plaza-before-post', (event) => action('plaza-before-post')(event.input));
  config.addEventListener('plaza-post', (event) => action('plaza-post')({ id: event.post.id }));
  config.addEventListener('plaza-react', (event) => action('plaza-react')({ postId: event.postId, kind: event.kind }));
  config.addEventListener('plaza-comment', (event) =>
    action('plaza-comment')({ postId: event.postId, commentId: event.comment.id }),
  );
  config.addEventListener('plaza-acknowledge', (event) => action('plaza-acknowledge')({ postId: event.postId }));
  after?.(mounted);
  const page = document.createElement('div');
  page.style.maxWidth = '40rem';
  page.append(config);
  return onThemePage(page, (feedScenarios[scenario] as { theme?: string }).theme);
}

const meta: Meta<Args> = {
  title: 'Widgets/Feed',
  component: 'plaza-feed',
  render: (args) => renderScenario(args),
  argTypes: { scenario: { control: 'select', options: Object.keys(feedScenarios) } },
};
export default meta;

type Story = StoryObj<Args>;

const scenario = (name: FeedScenarioName): Story => ({
  name: feedScenarios[name].title,
  args: { scenario: name },
  parameters: { docs: { description: { story: feedScenarios[name].description } } },
});

export const CompanyFeed = scenario('populated');
export const Manager = scenario('manager');
export const Empty = scenario('empty');
export const Loading = scenario('loading');
export const LoadError = scenario('error');
export const SignedOut = scenario('signedOut');
export const PrivateGroup = scenario('forbidden');
export const German = scenario('german');
export const Dark = scenario('dark');
export const LoadMore = scenario('paged');

/** At the narrowest supported width. */
export const Narrow: Story = {
  name: 'Narrow (320 px)',
  args: { scenario: 'populated' },
  render: (args) => {
    const frame = renderScenario(args);
    frame.style.width = '320px';
    frame.style.outline = '1px dashed #8c959f';
    return frame;
  },
};

/** Someone else posts every 8 seconds: the "N new posts" banner appears instead of posts jumping in. */
export const RealtimeBanner: Story = {
  name: 'Realtime: new posts banner',
  args: { scenario: 'populated' },
  render: (args) => {
    let createPost: ((n: number) => void) | undefined;
    const page = renderScenario(args, ({ api }) => {
      createPost = (n) => api.createPostAs(person(10 + n), `Live update number ${n} from the ward #live`);
    });
    let n = 0;
    const timer = setInterval(() => {
      // Storybook removes the story's element when another story is chosen.
      if (n > 0 && !page.isConnected) return clearInterval(timer);
      createPost?.(++n);
    }, 8000);
    return page;
  },
};
