import type { Db } from '../db.ts';
import { insertExpert } from '../experts/store.ts';
import { insertAnswer, insertQuestion, setAcceptedAnswer } from './store.ts';

/** Demo experts and questions, English and German. Fixed ids: the demo pages and the tests name them. */

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

export interface SeedExpert {
  userId: string;
  topic: string;
  skills: string[];
  /** Out of office for this many days from seeding time; absent: available. */
  awayForDays?: number;
}

export const SEED_EXPERTS: readonly SeedExpert[] = [
  { userId: 'u-alex', topic: 'it-help', skills: ['VPN', 'Laptops', 'Microsoft 365', 'Security'] },
  // On leave: listed as away, and not notified of new questions.
  { userId: 'u-sam', topic: 'it-help', skills: ['Printers', 'Meeting-room AV', 'Badge access'], awayForDays: 5 },
  { userId: 'u-lena', topic: 'emergency-vet', skills: ['Triage', 'Anästhesie', 'GDV', 'Schockbehandlung'] },
  { userId: 'u-jonas', topic: 'solar', skills: ['Wechselrichter', 'Fehlerdiagnose', 'Batteriespeicher'] },
];

interface SeedAnswer {
  id: string;
  authorId: string;
  body: string;
  /** Hours after the question. */
  afterHours: number;
  voters?: string[];
  accepted?: boolean;
}

export interface SeedQuestion {
  id: string;
  title: string;
  body: string;
  topic: string;
  groupId: string | null;
  tags?: string[];
  anonymous?: boolean;
  authorId: string;
  /** Hours before seeding time. */
  askedHoursAgo: number;
  answers: SeedAnswer[];
}

export const SEED_QUESTIONS: readonly SeedQuestion[] = [
  {
    id: 'q-vpn-drops',
    title: 'VPN drops every few minutes when I work from home',
    body:
      'Since Monday the VPN disconnects every 5–10 minutes, always on my home Wi-Fi and never in the office. ' +
      'I am on the standard laptop image. Is this a known problem?',
    topic: 'it-help',
    groupId: null,
    tags: ['vpn', 'remote-work'],
    authorId: 'u-priya',
    askedHoursAgo: 72,
    answers: [
      {
        id: 'a-vpn-router',
        authorId: 'u-sam',
        body: 'Restarting the home router helped me with the same thing last month.',
        afterHours: 2,
        voters: ['u-priya'],
      },
      {
        id: 'a-vpn-client',
        authorId: 'u-alex',
        body:
          'Yes, that is the **client update** from Monday. Open *Company Portal*, install VPN client 5.2.1 and ' +
          'reconnect. If it still drops, send us the log from `Help → Export diagnostics`.',
        afterHours: 3,
        voters: ['u-priya', 'u-lena', 'u-jonas'],
        accepted: true,
      },
    ],
  },
  {
    id: 'q-printer-blank',
    title: 'Third-floor printer prints blank pages',
    body: 'Every job I send to the printer by the kitchen comes out blank. Other people seem to have the same issue.',
    topic: 'it-help',
    groupId: null,
    tags: ['printers'],
    authorId: 'u-lena',
    askedHoursAgo: 50,
    answers: [
      {
        id: 'a-printer-toner',
        authorId: 'u-sam',
        body: 'The toner was swapped on Friday; the seal strip may still be in. I will check it tomorrow morning.',
        afterHours: 5,
        voters: ['u-lena'],
      },
    ],
  },
  {
    id: 'q-calendar-timezone',
    title: 'Shared calendar invites show the wrong time zone',
    body: 'Invites from the shared service calendar show up one hour late for everyone in Kassel. Who can fix this?',
    topic: 'it-help',
    groupId: null,
    tags: ['calendar'],
    authorId: 'u-jonas',
    askedHoursAgo: 30,
    answers: [],
  },
  {
    id: 'q-phishing-clicked',
    title: 'I clicked a link in a phishing email. What do I do now?',
    body: 'It looked like a parcel notice. I did not enter a password, but I did open the page.',
    topic: 'it-help',
    groupId: null,
    tags: ['security'],
    anonymous: true,
    authorId: 'u-priya',
    askedHoursAgo: 5,
    answers: [],
  },
  {
    id: 'q-wechselrichter-301',
    title: 'Wechselrichter zeigt Fehler 301 nach dem Gewitter',
    body:
      'Seit dem Gewitter gestern zeigt der Wechselrichter auf dem Dach der Klinik Fehler 301 und speist nicht mehr ' +
      'ein. Ein Neustart hat nicht geholfen. Muss jemand rausfahren?',
    topic: 'solar',
    groupId: 'grp-solar-service',
    tags: ['wechselrichter', 'fehlercode'],
    authorId: 'u-lena',
    askedHoursAgo: 96,
    answers: [
      {
        id: 'a-301-isolation',
        authorId: 'u-jonas',
        body:
          'Fehler 301 ist fast immer ein **Isolationsfehler** auf der DC-Seite, nach Gewittern oft ein feuchter ' +
          'Stecker. Bitte nicht selbst öffnen – ich plane einen Einsatz für Donnerstag ein.',
        afterHours: 1,
        voters: ['u-lena', 'u-sam'],
        accepted: true,
      },
    ],
  },
  {
    id: 'q-display-dunkel',
    title: 'Display des Wechselrichters bleibt nach der Wartung dunkel',
    body: 'Nach der Wartung am Montag bleibt die Anzeige aus, die Anlage scheint aber einzuspeisen. Ist das normal?',
    topic: 'solar',
    groupId: 'grp-solar-service',
    tags: ['wartung'],
    authorId: 'u-lena',
    askedHoursAgo: 240,
    answers: [
      {
        id: 'a-display-energiesparen',
        authorId: 'u-jonas',
        body: 'Ja, bei manchen Geräten schaltet sich die Anzeige nach 10 Minuten ab. Ein Tipp auf die Taste weckt sie.',
        afterHours: 4,
      },
    ],
  },
  {
    id: 'q-module-reinigen',
    title: 'Wie oft sollten die Module gereinigt werden?',
    body: 'Auf unserem Flachdach sammelt sich viel Staub und Laub. Lohnt sich eine Reinigung im Frühjahr?',
    topic: 'solar',
    groupId: 'grp-solar-service',
    tags: ['wartung', 'module'],
    authorId: 'u-lena',
    askedHoursAgo: 2,
    answers: [],
  },
  {
    id: 'q-gdv-lactate',
    title: 'Lactate cut-off before surgery in GDV cases?',
    body:
      'We had two GDV dogs this week with lactate above 6 mmol/L on arrival. Do you still go straight to surgery, ' +
      'or stabilise longer first?',
    topic: 'emergency-vet',
    groupId: 'grp-emergency-vets',
    tags: ['gdv', 'triage'],
    authorId: 'u-priya',
    askedHoursAgo: 20,
    answers: [
      {
        id: 'a-gdv-stabilise',
        authorId: 'u-lena',
        body:
          'Stabilise with fluids and decompress first, then re-check: a lactate that falls by more than 40 % within ' +
          'a few hours is a better sign than any single cut-off.',
        afterHours: 1,
        voters: ['u-priya'],
      },
    ],
  },
];

/**
 * Inserts the demo experts, questions, answers and upvotes that are not there yet. Answers, votes and the
 * accepted answer only come with a new question, so what changed in the demo survives a restart.
 */
export async function seedQuestions(db: Db, now: Date): Promise<void> {
  for (const expert of SEED_EXPERTS) {
    await insertExpert(db, {
      userId: expert.userId,
      topic: expert.topic,
      skills: expert.skills,
      awayUntil: expert.awayForDays === undefined ? null : new Date(now.getTime() + expert.awayForDays * DAY),
    });
  }
  for (const question of SEED_QUESTIONS) {
    const askedAt = new Date(now.getTime() - question.askedHoursAgo * HOUR);
    const inserted = await insertQuestion(db, {
      id: question.id,
      title: question.title,
      body: question.body,
      topic: question.topic,
      groupId: question.groupId,
      tags: question.tags ?? [],
      anonymous: question.anonymous ?? false,
      authorId: question.authorId,
      createdAt: askedAt,
    });
    if (!inserted) continue;
    for (const answer of question.answers) {
      const answeredAt = new Date(askedAt.getTime() + answer.afterHours * HOUR);
      await insertAnswer(db, {
        id: answer.id,
        questionId: question.id,
        authorId: answer.authorId,
        body: answer.body,
        createdAt: answeredAt,
      });
      for (const [index, userId] of (answer.voters ?? []).entries()) {
        await db.query('INSERT INTO answer_votes (answer_id, user_id, voted_at) VALUES ($1, $2, $3)', [
          answer.id,
          userId,
          new Date(answeredAt.getTime() + (index + 1) * HOUR),
        ]);
      }
      if (answer.accepted) await setAcceptedAnswer(db, question.id, answer.id);
    }
  }
}
