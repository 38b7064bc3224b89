import type { ResultsVisibility, Role } from '@plaza/contract';
import type { Db } from './db.ts';
import { seedGroups } from './groups/seed.ts';
import { insertPoll } from './polls/store.ts';
import { seedQuestions } from './questions/seed.ts';
import { seedPosts } from './posts/seed.ts';

/**
 * Demo data: an IT service desk, an emergency-vet community of practice and a solar-service team, in
 * English and German. The ids are fixed because the demo pages and the tests name them.
 */

interface SeedUser {
  id: string;
  name: string;
  title: string;
  role: Role;
  locale: string | null;
}

export const SEED_USERS: readonly SeedUser[] = [
  { id: 'u-alex', name: 'Alex Morgan', title: 'IT Service Manager', role: 'manager', locale: 'en' },
  { id: 'u-lena', name: 'Dr. Lena Vogt', title: 'Veterinärin, Notfallmedizin', role: 'member', locale: 'de' },
  { id: 'u-jonas', name: 'Jonas Becker', title: 'Servicetechniker Solar', role: 'member', locale: 'de' },
  { id: 'u-priya', name: 'Priya Shah', title: 'Emergency Vet Nurse', role: 'member', locale: 'en' },
  { id: 'u-sam', name: 'Sam Taylor', title: 'Facilities Coordinator', role: 'member', locale: 'en' },
];

const DAY = 24 * 60 * 60 * 1000;

interface SeedPoll {
  id: string;
  question: string;
  /** [option id, label] in display order. */
  options: [string, string][];
  multiple?: boolean;
  maxChoices?: number;
  resultsVisibility: ResultsVisibility;
  anonymous?: boolean;
  createdBy: string;
  /** Days relative to seeding time. */
  createdDaysAgo: number;
  closesInDays: number | null;
  closedDaysAgo?: number;
  /** user id → chosen option ids */
  ballots: Record<string, string[]>;
}

export const SEED_POLLS: readonly SeedPoll[] = [
  {
    id: 'poll-townhall',
    question: 'What should the next all-hands town hall focus on?',
    options: [
      ['townhall-hybrid', 'Hybrid work guidelines'],
      ['townhall-tools', 'The new intranet and collaboration tools'],
      ['townhall-qa', 'Open Q&A with the leadership team'],
      ['townhall-wellbeing', 'Wellbeing and workload'],
    ],
    resultsVisibility: 'always',
    createdBy: 'u-alex',
    createdDaysAgo: 2,
    closesInDays: 5,
    ballots: {
      'u-lena': ['townhall-qa'],
      'u-jonas': ['townhall-hybrid'],
      'u-priya': ['townhall-qa'],
    },
  },
  {
    id: 'poll-triage',
    question: 'Has the new triage protocol made night shifts calmer?',
    options: [
      ['triage-yes', 'Yes, noticeably'],
      ['triage-little', 'A little'],
      ['triage-same', 'No difference'],
      ['triage-worse', 'It has made things harder'],
    ],
    resultsVisibility: 'after-vote',
    anonymous: true,
    createdBy: 'u-priya',
    createdDaysAgo: 3,
    closesInDays: 11,
    // Three voters: below the minimum group size, so nobody sees the breakdown yet.
    ballots: { 'u-priya': ['triage-yes'], 'u-lena': ['triage-little'], 'u-sam': ['triage-yes'] },
  },
  {
    id: 'poll-schulung',
    question: 'Welcher Termin passt für die Wechselrichter-Schulung?',
    options: [
      ['schulung-di', 'Dienstagvormittag, 9–12 Uhr'],
      ['schulung-mi', 'Mittwochnachmittag, 13–16 Uhr'],
      ['schulung-do', 'Donnerstagvormittag, 9–12 Uhr'],
      ['schulung-fr', 'Freitag ganztägig, vor Ort im Lager Kassel'],
    ],
    multiple: true,
    maxChoices: 2,
    resultsVisibility: 'after-vote',
    createdBy: 'u-jonas',
    createdDaysAgo: 1,
    closesInDays: 7,
    ballots: { 'u-jonas': ['schulung-di', 'schulung-do'], 'u-sam': ['schulung-mi'] },
  },
  {
    id: 'poll-tools',
    question: 'Which room booking tool should we pilot next quarter?',
    options: [
      ['tools-outlook', 'Outlook room finder'],
      ['tools-app', 'A dedicated desk and room booking app'],
      ['tools-signs', 'Door signs with QR check-in'],
      ['tools-paper', 'Keep the paper sheets at reception'],
    ],
    resultsVisibility: 'after-close',
    createdBy: 'u-sam',
    createdDaysAgo: 4,
    closesInDays: 3,
    ballots: { 'u-alex': ['tools-outlook'], 'u-priya': ['tools-app'] },
  },
  {
    id: 'poll-retro',
    question: 'Retro: how did the service desk migration go for you?',
    options: [
      ['retro-smooth', 'Smoother than expected'],
      ['retro-planned', 'About as planned'],
      ['retro-rough', 'Rough, but we learned a lot'],
      ['retro-never', 'Let’s never do that again'],
    ],
    resultsVisibility: 'always',
    createdBy: 'u-alex',
    createdDaysAgo: 14,
    closesInDays: null,
    closedDaysAgo: 3,
    ballots: {
      'u-alex': ['retro-planned'],
      'u-lena': ['retro-smooth'],
      'u-jonas': ['retro-rough'],
      'u-priya': ['retro-smooth'],
      'u-sam': ['retro-planned'],
    },
  },
];

export interface SeedOptions {
  /** Seeding time: closing dates are set relative to it. */
  now?: Date;
}

/**
 * Inserts the demo users and polls (with their votes) that are not there yet. Running it again changes
 * nothing, so votes cast in the demo survive a restart.
 */
export async function seed(db: Db, { now = new Date() }: SeedOptions = {}): Promise<void> {
  const daysFromNow = (days: number) => new Date(now.getTime() + days * DAY);
  await db.transaction(async (tx) => {
    for (const user of SEED_USERS) {
      await tx.query(
        `INSERT INTO users (id, name, title, avatar_url, role, locale) VALUES ($1, $2, $3, NULL, $4, $5)
         ON CONFLICT (id) DO NOTHING`,
        [user.id, user.name, user.title, user.role, user.locale],
      );
    }
    await seedGroups(tx, now);
    await seedQuestions(tx, now);
    for (const poll of SEED_POLLS) {
      const createdAt = daysFromNow(-poll.createdDaysAgo);
      const inserted = await insertPoll(tx, {
        id: poll.id,
        question: poll.question,
        options: poll.options.map(([id, label]) => ({ id, label })),
        multiple: poll.multiple ?? false,
        maxChoices: poll.maxChoices ?? 1,
        resultsVisibility: poll.resultsVisibility,
        anonymous: poll.anonymous ?? false,
        closesAt: poll.closesInDays === null ? null : daysFromNow(poll.closesInDays),
        closedAt: poll.closedDaysAgo === undefined ? null : daysFromNow(-poll.closedDaysAgo),
        createdBy: poll.createdBy,
        createdAt,
      });
      // Ballots only with a new poll: a vote retracted in the demo stays retracted after a restart.
      if (!inserted) continue;
      let minutes = 0;
      for (const [userId, optionIds] of Object.entries(poll.ballots)) {
        minutes += 37;
        await tx.query(
          `INSERT INTO poll_ballots (poll_id, user_id, option_ids, voted_at) VALUES ($1, $2, $3::text[], $4)`,
          [poll.id, userId, optionIds, new Date(createdAt.getTime() + minutes * 60_000)],
        );
      }
    }
    // After the polls: posts attach them.
    await seedPosts(tx, now);
  });
}
