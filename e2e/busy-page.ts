// A busy intranet page — 12 polls, 6 group cards, a feed and an ask box (20 widgets) — shared by the request
// count test (page-requests.e2e.test.ts) and bench/requests.ts.
const POLLS = ['poll-townhall', 'poll-triage', 'poll-tools', 'poll-retro', 'poll-schulung'];
const GROUPS = ['grp-it-help', 'grp-emergency-vets', 'grp-solar-service', 'grp-leadership'];

export const BUSY_WIDGETS = [
  ...Array.from({ length: 12 }, (_, i) => `<plaza-poll poll-id="${POLLS[i % POLLS.length]}"></plaza-poll>`),
  ...Array.from(
    { length: 6 },
    (_, i) => `<plaza-group-card group-id="${GROUPS[i % GROUPS.length]}"></plaza-group-card>`,
  ),
  '<plaza-feed page-size="10"></plaza-feed>',
  '<plaza-ask-expert topic="it-help"></plaza-ask-expert>',
];

/** The page's HTML; serve it at any path of the demo server's origin (e.g. with Playwright's `page.route`). */
export const BUSY_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Busy page</title>
  <script type="module" src="/dist/plaza.js"></script></head>
  <body><plaza-config api-base="/">${BUSY_WIDGETS.join('\n')}</plaza-config></body></html>`;
