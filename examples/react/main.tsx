// A React app with Plaza: a poll and the company feed from @plaza/react against the reference server, which
// also serves the app (so `apiBase="/"` and the server's session cookie apply). The poll's `onPlazaVote` updates
// React state that the app shows next to it. Build with `pnpm --filter @plaza/example-react build`, then serve
// `examples/react/dist` as the server's `staticDir` (as e2e/react-example.e2e.test.ts does).
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { PlazaConfig, PlazaFeed, PlazaPoll, type PlazaVoteEvent } from '@plaza/react';

function App() {
  const [votes, setVotes] = useState<{ pollId: string; optionIds: string[] }[]>([]);
  const onVote = (event: PlazaVoteEvent) =>
    setVotes((previous) => [...previous, { pollId: event.pollId, optionIds: event.optionIds }]);
  const last = votes.at(-1);

  return (
    <PlazaConfig apiBase="/" locale="en">
      <main className="grid">
        <h1>Town hall</h1>
        <section aria-labelledby="poll-heading">
          <h2 id="poll-heading">Poll</h2>
          <PlazaPoll pollId="poll-townhall" onPlazaVote={onVote} />
          <p role="status" data-testid="vote-status">
            {last
              ? `You voted ${votes.length} time${votes.length === 1 ? '' : 's'}; last: ${last.optionIds.join(', ') || 'retracted'}`
              : 'No vote from this page yet'}
          </p>
        </section>
        <section aria-labelledby="feed-heading">
          <h2 id="feed-heading">Company feed</h2>
          <PlazaFeed pageSize={5} />
        </section>
      </main>
    </PlazaConfig>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
