import type { Db } from '../db.ts';

/** Demo communities. Fixed ids: the demo pages and the tests name them. */
export interface SeedGroup {
  id: string;
  name: string;
  description: string;
  visibility: 'public' | 'private';
  joinPolicy: 'open' | 'request' | 'invite';
  locale: string;
  coverUrl: string | null;
  coverAlt: string | null;
  admins: string[];
  members: string[];
  /** People waiting for approval. */
  requests: string[];
  createdDaysAgo: number;
}

export const SEED_GROUPS: readonly SeedGroup[] = [
  {
    id: 'grp-emergency-vets',
    name: 'Emergency Vets — Community of Practice',
    description:
      'Case discussions, triage protocols and **night-shift** hand-overs for emergency and critical-care vets and nurses. ' +
      'Patient details stay in the practice system: share cases anonymised.',
    visibility: 'private',
    joinPolicy: 'request',
    locale: 'en',
    coverUrl: null,
    coverAlt: null,
    admins: ['u-lena'],
    members: ['u-priya'],
    requests: ['u-sam'],
    createdDaysAgo: 200,
  },
  {
    id: 'grp-solar-service',
    name: 'Solar-Service Techniker',
    description:
      'Austausch für Servicetechniker: Fehlerbilder von Wechselrichtern, Messprotokolle, Ersatzteile und Einsatzplanung.',
    visibility: 'public',
    joinPolicy: 'open',
    locale: 'de',
    coverUrl: null,
    coverAlt: null,
    admins: ['u-jonas'],
    members: ['u-lena'],
    requests: [],
    createdDaysAgo: 320,
  },
  {
    id: 'grp-it-help',
    name: 'IT Help & Tips',
    description: 'Ask how-to questions, share shortcuts and hear first about outages and changes to our tools.',
    visibility: 'public',
    joinPolicy: 'open',
    locale: 'en',
    coverUrl: null,
    coverAlt: null,
    admins: ['u-alex'],
    members: ['u-sam', 'u-priya'],
    requests: [],
    createdDaysAgo: 400,
  },
  {
    id: 'grp-leadership',
    name: 'Leadership Circle',
    description: 'Planning space of the leadership team. Membership by invitation.',
    visibility: 'private',
    joinPolicy: 'invite',
    locale: 'en',
    coverUrl: null,
    coverAlt: null,
    admins: ['u-alex'],
    members: [],
    requests: [],
    createdDaysAgo: 150,
  },
];

const DAY = 24 * 60 * 60 * 1000;

/** Inserts the demo groups, their members and pending requests; existing rows are left alone. */
export async function seedGroups(db: Db, now: Date): Promise<void> {
  for (const group of SEED_GROUPS) {
    const createdAt = new Date(now.getTime() - group.createdDaysAgo * DAY);
    const { rows } = await db.query(
      `INSERT INTO groups (id, name, description, visibility, join_policy, cover_url, cover_alt, locale, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [
        group.id,
        group.name,
        group.description,
        group.visibility,
        group.joinPolicy,
        group.coverUrl,
        group.coverAlt,
        group.locale,
        group.admins[0] ?? null,
        createdAt,
      ],
    );
    // Members only with a new group: someone who left in the demo stays gone after a restart.
    if (rows.length === 0) continue;
    const people = [
      ...group.admins.map((id) => [id, 'admin'] as const),
      ...group.members.map((id) => [id, 'member'] as const),
    ];
    for (const [index, [userId, role]] of people.entries()) {
      await db.query('INSERT INTO group_members (group_id, user_id, role, joined_at) VALUES ($1, $2, $3, $4)', [
        group.id,
        userId,
        role,
        new Date(createdAt.getTime() + index * DAY),
      ]);
    }
    for (const userId of group.requests) {
      await db.query('INSERT INTO group_requests (group_id, user_id, requested_at) VALUES ($1, $2, $3)', [
        group.id,
        userId,
        new Date(now.getTime() - 2 * DAY),
      ]);
    }
  }
}

/** More colleagues, so facepiles, member counts and mention search look like a real intranet. */
export interface SeedPerson {
  id: string;
  name: string;
  title: string;
  locale: string;
  /** Group ids they are members of (never admins: the admins of SEED_GROUPS stay the only ones). */
  groups: string[];
  joinedDaysAgo: number;
}

export const SEED_PEOPLE: readonly SeedPerson[] = [
  {
    id: 'u-mara',
    name: 'Dr. Mara Lindqvist',
    title: 'Emergency Veterinarian',
    locale: 'en',
    groups: ['grp-emergency-vets', 'grp-it-help'],
    joinedDaysAgo: 120,
  },
  {
    id: 'u-tobias',
    name: 'Tobias Krüger',
    title: 'Tiermedizinischer Fachangestellter',
    locale: 'de',
    groups: ['grp-emergency-vets'],
    joinedDaysAgo: 60,
  },
  {
    id: 'u-aisha',
    name: 'Dr. Aisha Okafor',
    title: 'Critical Care Specialist',
    locale: 'en',
    groups: ['grp-emergency-vets'],
    joinedDaysAgo: 12,
  },
  {
    id: 'u-katrin',
    name: 'Katrin Hoffmann',
    title: 'Teamleiterin Solar-Service',
    locale: 'de',
    groups: ['grp-solar-service', 'grp-it-help', 'grp-leadership'],
    joinedDaysAgo: 300,
  },
  {
    id: 'u-mehmet',
    name: 'Mehmet Yılmaz',
    title: 'Elektroniker für Energietechnik',
    locale: 'de',
    groups: ['grp-solar-service'],
    joinedDaysAgo: 90,
  },
  {
    id: 'u-anna',
    name: 'Anna Schulz',
    title: 'Disponentin Außendienst',
    locale: 'de',
    groups: ['grp-solar-service', 'grp-it-help'],
    joinedDaysAgo: 45,
  },
  {
    id: 'u-lukas',
    name: 'Lukas Weber',
    title: 'Servicetechniker Photovoltaik',
    locale: 'de',
    groups: ['grp-solar-service'],
    joinedDaysAgo: 7,
  },
  {
    id: 'u-chloe',
    name: 'Chloé Martin',
    title: 'Internal Communications',
    locale: 'en',
    groups: ['grp-it-help'],
    joinedDaysAgo: 30,
  },
  {
    id: 'u-daniel',
    name: 'Daniel Okoro',
    title: 'Finance Analyst',
    locale: 'en',
    groups: ['grp-it-help'],
    joinedDaysAgo: 3,
  },
];

/**
 * Inserts SEED_PEOPLE and, for each person inserted now, their memberships: a person who left a group in
 * the demo stays gone after a restart. Run after `seedGroups`.
 *
 * Not called by `seed()` yet: the dev user switcher lists every user, and its test expects exactly the five
 * SEED_USERS. To use it, add `await seedGroupPeople(tx, now);` after `seedGroups` in `src/seed.ts` and let
 * the switcher list SEED_USERS only (or update that test).
 */
export async function seedGroupPeople(db: Db, now: Date): Promise<void> {
  for (const person of SEED_PEOPLE) {
    const { rows } = await db.query(
      `INSERT INTO users (id, name, title, avatar_url, role, locale) VALUES ($1, $2, $3, NULL, 'member', $4)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [person.id, person.name, person.title, person.locale],
    );
    if (rows.length === 0) continue;
    for (const groupId of person.groups) {
      await db.query(
        `INSERT INTO group_members (group_id, user_id, role, joined_at) VALUES ($1, $2, 'member', $3)
         ON CONFLICT (group_id, user_id) DO NOTHING`,
        [groupId, person.id, new Date(now.getTime() - person.joinedDaysAgo * DAY)],
      );
    }
  }
}
