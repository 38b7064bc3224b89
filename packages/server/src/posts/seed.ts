import type { ReactionKind } from '@plaza/contract';
import type { Db } from '../db.ts';
import { insertComment } from './comments.ts';
import { acknowledge, insertPost, lexBody, saveReaction, type AnnouncementRow } from './store.ts';

/** Demo posts. Fixed ids: the demo pages and the tests name them. */
interface SeedComment {
  id: string;
  authorId: string;
  body: string;
  /** Minutes after the post. */
  after: number;
  replies?: SeedComment[];
}

interface SeedPost {
  id: string;
  authorId: string;
  groupId: string | null;
  body: string;
  /** Hours before seeding time. */
  hoursAgo: number;
  pollId?: string;
  announcement?: Omit<AnnouncementRow, 'expiresAt'> & { expiresInHours: number | null };
  reactions?: Record<string, ReactionKind>;
  acknowledgedBy?: string[];
  comments?: SeedComment[];
}

export const SEED_POSTS: readonly SeedPost[] = [
  {
    id: 'post-network-outage',
    authorId: 'u-alex',
    groupId: null,
    hoursAgo: 3,
    announcement: { pinned: true, urgent: true, ackRequired: true, expiresInHours: 24 * 5 },
    body: [
      '**Planned network outage this Saturday, 06:00–10:00**',
      '',
      'We are replacing the core switches in the data centre. During the window:',
      '',
      '- VPN, e-mail and the intranet are unavailable',
      '- the practice system keeps running on its local failover',
      '- the on-call line stays reachable at +49 561 000 1234',
      '',
      'Please save your work on Friday evening and confirm below that you have read this. ' +
        'Details: [change ticket](https://it.example.com/changes/4711) #outage #it-service',
      '',
      '> Geplante Netzwerkwartung am Samstag, 06:00–10:00 Uhr: VPN, E-Mail und Intranet sind nicht erreichbar.',
    ].join('\n'),
    acknowledgedBy: ['u-priya', 'u-jonas'],
    reactions: { 'u-priya': 'like', 'u-jonas': 'support' },
  },
  {
    id: 'post-welcome-plaza',
    authorId: 'u-alex',
    groupId: null,
    hoursAgo: 24 * 6,
    announcement: { pinned: true, urgent: false, ackRequired: false, expiresInHours: null },
    body:
      'Welcome to **Plaza**, our new place to share news, ask questions and find experts. ' +
      'Join the communities you care about, react to posts and mention colleagues with `@`. ' +
      'Willkommen! Beiträge dürfen natürlich auch auf Deutsch sein. #intranet #welcome',
    reactions: { 'u-lena': 'celebrate', 'u-jonas': 'celebrate', 'u-priya': 'like', 'u-sam': 'celebrate' },
    comments: [
      { id: 'cmt-welcome-sam', authorId: 'u-sam', body: 'Finally one place for everything. 🎉', after: 45 },
      {
        id: 'cmt-welcome-lena',
        authorId: 'u-lena',
        body: 'Sehr schön! Gibt es das auch als App?',
        after: 90,
        replies: [
          {
            id: 'cmt-welcome-alex',
            authorId: 'u-alex',
            body: 'Not yet, but the pages work well on phones. An app is on the roadmap for Q3.',
            after: 120,
          },
        ],
      },
    ],
  },
  {
    id: 'post-townhall-poll',
    authorId: 'u-alex',
    groupId: null,
    hoursAgo: 24 * 2,
    pollId: 'poll-townhall',
    body: 'Our next all-hands town hall is on the 28th. Help us pick the focus: vote below. #townhall',
    reactions: { 'u-priya': 'insightful' },
  },
  {
    id: 'post-it-calendar',
    authorId: 'u-sam',
    groupId: 'grp-it-help',
    hoursAgo: 20,
    body:
      'How do I share my Outlook calendar with the reception team so they can see when meeting rooms are ' +
      'blocked? I tried *Share → Can view titles* but they only see "busy". #outlook #calendar',
    reactions: { 'u-priya': 'like' },
    comments: [
      {
        id: 'cmt-calendar-alex',
        authorId: 'u-alex',
        body:
          'Use **Can view all details** instead of *titles*, then ask them to open it via ' +
          '`Add calendar → From directory`. Step by step: [guide](https://it.example.com/kb/calendar-sharing)',
        after: 25,
        replies: [
          { id: 'cmt-calendar-sam', authorId: 'u-sam', body: 'That did it, thank you!', after: 60 },
          {
            id: 'cmt-calendar-priya',
            authorId: 'u-priya',
            body: 'Good to know, we need the same for the clinic rota. #calendar',
            after: 95,
          },
        ],
      },
    ],
  },
  {
    id: 'post-it-screenshot',
    authorId: 'u-alex',
    groupId: 'grp-it-help',
    hoursAgo: 24 * 3,
    body: [
      'Three shortcuts that save me time every day:',
      '',
      '1. `Win + Shift + S` — screenshot of a region',
      '2. `Win + V` — clipboard history',
      '3. `Ctrl + Shift + T` — reopen the tab you just closed',
      '',
      'What are yours? #shortcuts #tips',
    ].join('\n'),
    reactions: { 'u-sam': 'insightful', 'u-priya': 'insightful', 'u-jonas': 'like' },
    comments: [
      {
        id: 'cmt-shortcuts-jonas',
        authorId: 'u-jonas',
        body: '`Win + .` für Emojis 😄 #shortcuts',
        after: 180,
      },
    ],
  },
  {
    id: 'post-solar-isolation',
    authorId: 'u-jonas',
    groupId: 'grp-solar-service',
    hoursAgo: 5,
    body: [
      'Bei der Anlage **Kassel-Nord** meldet der Wechselrichter seit gestern wieder einen *Isolationsfehler* ' +
        '(Riso < 1 MΩ), immer morgens bei Tau. Bisher geprüft:',
      '',
      '- DC-Stecker an String 2 und 3 getauscht',
      '- Isolationsmessung trocken: unauffällig',
      '',
      '@[Dr. Lena Vogt](u-lena), du hattest im Frühjahr etwas Ähnliches in Baunatal — woran lag es da? ' +
        '#Wechselrichter #Fehlerbild',
    ].join('\n'),
    reactions: { 'u-lena': 'support' },
    comments: [
      {
        id: 'cmt-solar-lena',
        authorId: 'u-lena',
        body:
          'Bei uns war es ein angescheuertes Kabel unter dem Modulrahmen, nur bei Feuchtigkeit messbar. ' +
          'Messung am besten morgens wiederholen.',
        after: 40,
        replies: [
          {
            id: 'cmt-solar-jonas',
            authorId: 'u-jonas',
            body: 'Danke! Ich fahre morgen früh mit dem Isolationsmessgerät hin.',
            after: 70,
          },
        ],
      },
    ],
  },
  {
    id: 'post-solar-parts',
    authorId: 'u-jonas',
    groupId: 'grp-solar-service',
    hoursAgo: 24 * 4,
    body:
      'Neue Lieferung MC4-Stecker und Ersatzlüfter für die Wechselrichter ist im Lager Kassel eingetroffen. ' +
      'Bitte im Lagerbuch austragen. #Ersatzteile #Wechselrichter',
    reactions: { 'u-lena': 'like' },
  },
  {
    id: 'post-vets-triage',
    authorId: 'u-lena',
    groupId: 'grp-emergency-vets',
    hoursAgo: 9,
    body: [
      '**Night-shift hand-over: new triage checklist**',
      '',
      'From Monday we use the updated checklist at reception:',
      '',
      '1. Airway, breathing, circulation first',
      '2. Pain score on arrival, then every 30 minutes',
      '3. Owner consent for estimate > €500 before non-urgent diagnostics',
      '',
      'Feedback welcome — share cases **anonymised** only. #triage #nightshift',
    ].join('\n'),
    reactions: { 'u-priya': 'insightful' },
    comments: [
      {
        id: 'cmt-triage-priya',
        authorId: 'u-priya',
        body: 'Could we add a line for suspected toxin ingestion? We had two chocolate cases last weekend.',
        after: 30,
        replies: [
          {
            id: 'cmt-triage-lena',
            authorId: 'u-lena',
            body: 'Good point, I will add it as 4. #triage',
            after: 55,
          },
        ],
      },
    ],
  },
  {
    id: 'post-vets-dosage',
    authorId: 'u-priya',
    groupId: 'grp-emergency-vets',
    hoursAgo: 30,
    body: 'Does anyone have the current dosage chart for maropitant in cats as a printable PDF? #dosage',
  },
];

const HOUR = 60 * 60 * 1000;
const MINUTE = 60 * 1000;

/** Inserts the demo posts with their comments, reactions and acknowledgements; existing posts are left alone. */
export async function seedPosts(db: Db, now: Date): Promise<void> {
  for (const post of SEED_POSTS) {
    const createdAt = new Date(now.getTime() - post.hoursAgo * HOUR);
    const announcement = post.announcement
      ? {
          pinned: post.announcement.pinned,
          urgent: post.announcement.urgent,
          ackRequired: post.announcement.ackRequired,
          expiresAt:
            post.announcement.expiresInHours === null
              ? null
              : new Date(now.getTime() + post.announcement.expiresInHours * HOUR),
        }
      : null;
    const inserted = await insertPost(db, {
      id: post.id,
      authorId: post.authorId,
      groupId: post.groupId,
      body: await lexBody(db, post.body),
      images: [],
      pollId: post.pollId ?? null,
      announcement,
      createdAt,
    });
    // Comments and reactions only with a new post: what was removed in the demo stays removed.
    if (!inserted) continue;
    let minutes = 0;
    for (const [userId, kind] of Object.entries(post.reactions ?? {})) {
      await saveReaction(db, post.id, userId, kind, new Date(createdAt.getTime() + (minutes += 11) * MINUTE));
    }
    for (const userId of post.acknowledgedBy ?? []) {
      await acknowledge(db, post.id, userId, new Date(createdAt.getTime() + (minutes += 13) * MINUTE));
    }
    const addComment = async (comment: SeedComment, parentId: string | null) => {
      await insertComment(db, {
        id: comment.id,
        postId: post.id,
        parentId,
        authorId: comment.authorId,
        body: await lexBody(db, comment.body),
        images: [],
        createdAt: new Date(createdAt.getTime() + comment.after * MINUTE),
      });
      for (const reply of comment.replies ?? []) await addComment(reply, comment.id);
    };
    for (const comment of post.comments ?? []) await addComment(comment, null);
  }
}
