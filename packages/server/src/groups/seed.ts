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
